// p2p-chat browser page: a client of this peer's public HTTP API (docs/api.md) only.
// Every piece of data from the network is shown with textContent, never parsed as HTML.
'use strict';

(() => {
	const PAGE = 50; // messages per history request (at start and per scroll-back)
	const POLL_PENDING_MS = 3000;
	const TYPING_SHOWN_MS = 4000;
	const TYPING_EVERY_MS = 2000; // the peer forwards at most one notice per 2 s anyway
	const EVERYONE = 'everyone';
	const EVENTS = ['message', 'receipt', 'joined', 'left', 'renamed', 'link', 'typing', 'key-changed'];

	const $ = (id) => document.getElementById(id);
	const ui = {
		messages: $('messages'),
		empty: $('empty'),
		title: $('conversation-title'),
		search: $('search'),
		searchCount: $('search-count'),
		typing: $('typing'),
		conversations: $('conversations'),
		everyone: $('everyone'),
		past: $('past'),
		pastHeading: $('past-heading'),
		notify: $('notify'),
		peers: $('peers'),
		peerCount: $('peer-count'),
		noPeers: $('no-peers'),
		banner: $('banner'),
		keyChanges: $('key-changes'),
		composer: $('composer'),
		recipient: $('recipient'),
		text: $('text'),
		composerError: $('composer-error'),
		renameForm: $('rename-form'),
		renameInput: $('rename-input'),
		renameError: $('rename-error'),
		signOut: $('sign-out'),
	};

	const state = {
		me: null, // {peerId, username}
		ownNames: new Set(), // every name this peer had while the page was open, lower case
		peers: new Map(), // peerId -> {peerId, username, link}
		messages: new Map(), // sender's peerId + '/' + id -> {message, li, own, time, conversation}
		own: new Map(), // id of this peer's own message -> the same entry (receipts name only the id)
		current: EVERYONE, // the conversation shown: 'everyone', a peerId or 'name:<lower-case name>'
		unread: new Map(), // conversation -> count
		names: new Map(), // conversation -> name shown, for threads with peers no longer online
		typing: new Map(), // conversation -> Map(fromId -> {name, until})
		history: { loading: false, exhausted: false },
		receipts: new Map(), // messageId -> Map(peerId -> {username, state})
		keyChanges: new Map(), // lower-case name -> {username, oldPeerId, newPeerId}: not accepted yet
		fetched: new Set(), // own message ids whose recipients were read at least once
		source: null,
		retryMs: 1000,
		hadStream: false,
	};

	class ApiError extends Error {
		constructor(status, detail) {
			super(detail);
			this.status = status;
		}
	}

	// the page's session needs its CSRF token on every change (docs/security.md)
	let csrf = null;

	async function csrfHeaders() {
		if (!csrf) {
			const session = await api('GET', '/session');
			csrf = { [session.csrfHeader]: session.csrfToken };
		}
		return csrf;
	}

	async function api(method, path, body) {
		const init = { method, headers: { Accept: 'application/json, application/problem+json' } };
		if (method !== 'GET') {
			Object.assign(init.headers, await csrfHeaders());
		}
		if (body !== undefined) {
			init.headers['Content-Type'] = 'application/json';
			init.body = JSON.stringify(body);
		}
		let response;
		try {
			response = await fetch(path, init);
		}
		catch (e) {
			throw new ApiError(0, 'The peer did not answer. Is it still running?');
		}
		if (response.status === 401) {
			// the session ended (signed out, expired, peer restarted): back to the sign-in view
			window.location.assign('/');
			throw new ApiError(401, 'Signed out.');
		}
		const raw = await response.text();
		let data = null;
		try {
			data = raw ? JSON.parse(raw) : null;
		}
		catch (e) {
			data = null;
		}
		if (!response.ok) {
			const detail = data && (data.detail || data.title);
			throw new ApiError(response.status, detail || `The peer answered ${response.status}.`);
		}
		return data;
	}

	// ---- the composer's terminal-style commands (same rules as the terminal client) ----

	const isQuote = (c) => c === '\'' || c === '"';

	function unquote(value) {
		if (value.length < 2 || !isQuote(value[0]) || value[value.length - 1] !== value[0]) {
			return value;
		}
		const inner = value.slice(1, -1);
		for (let i = inner.indexOf(value[0]); i >= 0; i = inner.indexOf(value[0], i + 1)) {
			const wordBefore = i > 0 && !/\s/.test(inner[i - 1]);
			const wordAfter = i < inner.length - 1 && !/\s/.test(inner[i + 1]);
			if (!(wordBefore && wordAfter)) {
				return value;
			}
		}
		return inner;
	}

	function parseLine(line) {
		const trimmed = line.trim();
		const match = /^(\S+)(?:\s+([\s\S]*))?$/.exec(trimmed);
		const word = match ? match[1].toLowerCase() : '';
		const rest = match && match[2] ? match[2].trim() : '';
		if (word === 'msg') {
			return parsePrivate(rest);
		}
		if (word === 'rename') {
			return rest ? { kind: 'rename', username: unquote(rest) }
				: { kind: 'invalid', message: 'Type a name after rename, or use the box at the top.' };
		}
		return { kind: 'broadcast', text: trimmed };
	}

	function parsePrivate(rest) {
		const usage = { kind: 'invalid', message: 'Usage: msg <username> <text>, e.g. msg bob hi' };
		let to;
		let remainder;
		if (rest && isQuote(rest[0])) {
			const close = rest.indexOf(rest[0], 1);
			if (close < 0) {
				return usage;
			}
			to = rest.slice(1, close);
			remainder = rest.slice(close + 1);
		}
		else {
			const parts = /^(\S*)\s*([\s\S]*)$/.exec(rest);
			to = parts[1];
			remainder = parts[2];
		}
		const text = unquote(remainder.trim());
		return (to.trim() && text) ? { kind: 'private', to: to.trim(), text } : usage;
	}

	// ---- messages and conversations ----

	// by id: a name can be another's later, an id is the sender's key
	const isOwn = (message) => (message.fromId && state.me) ? message.fromId === state.me.peerId
		: state.ownNames.has(String(message.from).toLowerCase());

	const keyOf = (message) => `${message.fromId || String(message.from).toLowerCase()}/${message.id}`;

	function timeOf(message) {
		const t = Date.parse(message.sentAt);
		return Number.isNaN(t) ? Date.now() : t;
	}

	function el(tag, className, text) {
		const node = document.createElement(tag);
		if (className) {
			node.className = className;
		}
		if (text !== undefined) {
			node.textContent = text;
		}
		return node;
	}

	function peerByName(name) {
		const lower = String(name).toLowerCase();
		return Array.from(state.peers.values()).find((p) => p.username.toLowerCase() === lower);
	}

	// the conversation a message belongs to: everyone, or the thread with the other party
	function conversationOf(message, own) {
		if (message.to == null) {
			return EVERYONE;
		}
		if (!own && message.fromId) {
			return message.fromId;
		}
		const other = own ? message.to : message.from;
		const peer = peerByName(other);
		if (peer) {
			return peer.peerId;
		}
		const key = `name:${String(other).toLowerCase()}`;
		state.names.set(key, other);
		return key;
	}

	function conversationName(key) {
		if (key === EVERYONE) {
			return 'Everyone';
		}
		const peer = state.peers.get(key);
		return peer ? peer.username : (state.names.get(key) || key);
	}

	const dayKey = (t) => new Date(t).toDateString();
	const fullTime = (t) => new Date(t).toLocaleString([], { dateStyle: 'full', timeStyle: 'medium' });
	const dayLabel = (t) => new Date(t).toLocaleDateString([], { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' });

	// the text with @mentions of known names marked; only text nodes and spans, never HTML
	function renderText(text) {
		const p = el('p', 'text');
		const me = state.me ? state.me.username.toLowerCase() : null;
		const mention = /@([A-Za-z0-9_.-]{1,32})/g;
		let last = 0;
		for (let m = mention.exec(text); m; m = mention.exec(text)) {
			const name = m[1].replace(/\.+$/, ''); // "@bob." ends a sentence
			p.append(document.createTextNode(text.slice(last, m.index)));
			const span = el('span', 'mention', `@${name}`);
			span.classList.toggle('me', name.toLowerCase() === me);
			p.append(span);
			last = m.index + 1 + name.length;
			mention.lastIndex = last;
		}
		p.append(document.createTextNode(text.slice(last)));
		return p;
	}

	function renderMessage(message, own) {
		const li = el('li', 'message');
		li.dataset.id = message.id;
		li.classList.toggle('own', own);
		li.classList.toggle('private', message.to != null);
		const meta = el('div', 'meta');
		meta.append(el('span', 'from', message.from));
		if (message.to != null) {
			meta.append(el('span', 'badge', own ? `private to ${message.to}` : 'private'));
		}
		const t = timeOf(message);
		const time = el('time', 'sent', new Date(t).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }));
		time.dateTime = new Date(t).toISOString();
		time.title = fullTime(t);
		meta.append(time);
		if (own) {
			const delivery = el('span', 'state', '… sending');
			delivery.dataset.state = 'pending';
			meta.append(delivery);
		}
		const text = renderText(message.text);
		li.classList.toggle('mentions-me', text.querySelector('.mention.me') !== null);
		li.append(meta, text);
		return li;
	}

	// live: a message that arrives now (it may be unread); otherwise history
	function addMessage(message, live) {
		// an id is its sender's: another sender reusing it is another message, never a duplicate
		if (!message || !message.id || state.messages.has(keyOf(message))) {
			return false;
		}
		const own = isOwn(message);
		const conversation = conversationOf(message, own);
		const entry = { message, own, conversation, time: timeOf(message), li: renderMessage(message, own) };
		state.messages.set(keyOf(message), entry);
		if (own) {
			state.own.set(message.id, entry);
		}
		if (live && !own) {
			stopTyping(conversation, message.fromId || (peerByName(message.from) || {}).peerId);
			if (conversation !== state.current || document.hidden) {
				state.unread.set(conversation, (state.unread.get(conversation) || 0) + 1);
				renderUnread();
			}
			if (document.hidden) {
				notify(entry);
			}
		}
		if (own) {
			showDelivery(message.id);
			if (!state.fetched.has(message.id)) {
				refreshDelivery(message.id);
			}
		}
		return true;
	}

	// shows the messages of the current conversation that match the search, with a
	// separator line wherever the day changes
	function renderView(anchor) {
		const m = ui.messages;
		const stick = anchor === 'bottom' || (anchor !== 'keep' && nearBottom());
		const heightBefore = m.scrollHeight;
		const topBefore = m.scrollTop;
		const query = ui.search.value.trim().toLowerCase();
		const inConversation = Array.from(state.messages.values())
			.filter((e) => e.conversation === state.current)
			.sort((a, b) => a.time - b.time || (a.message.id < b.message.id ? -1 : 1));
		const shown = query ? inConversation.filter((e) => matches(e, query)) : inConversation;
		const notices = query ? [] : state.notices.filter((n) => n.conversation === state.current);
		const items = shown.concat(notices).sort((a, b) => a.time - b.time);
		const nodes = [];
		if (!query) {
			nodes.push(olderControl());
		}
		let day = null;
		for (const e of items) {
			if (e.message && dayKey(e.time) !== day) {
				day = dayKey(e.time);
				const separator = el('li', 'day');
				separator.append(el('span', '', dayLabel(e.time)));
				nodes.push(separator);
			}
			nodes.push(e.li);
		}
		m.replaceChildren(...nodes);
		ui.empty.hidden = inConversation.length > 0;
		ui.empty.textContent = state.current === EVERYONE ? 'No messages yet. Say hello!'
			: `No private messages with ${conversationName(state.current)} yet.`;
		ui.searchCount.hidden = !query;
		ui.searchCount.textContent = `${shown.length} of ${inConversation.length}`;
		if (stick) {
			m.scrollTop = m.scrollHeight;
		}
		else if (anchor === 'keep') {
			m.scrollTop = topBefore + (m.scrollHeight - heightBefore);
		}
	}

	const matches = (e, query) => e.message.text.toLowerCase().includes(query)
		|| String(e.message.from).toLowerCase().includes(query);

	function olderControl() {
		const li = el('li', 'older');
		if (state.history.exhausted) {
			li.append(el('span', 'start', 'Start of the history this peer holds'));
		}
		else {
			const button = el('button', 'quiet', state.history.loading ? 'Loading…' : 'Load older messages');
			button.type = 'button';
			button.disabled = state.history.loading;
			button.addEventListener('click', () => loadOlder());
			li.append(button);
		}
		return li;
	}

	// notices (joins, leaves, renames) show in the Everyone conversation, in arrival order
	state.notices = [];

	function addNotice(text) {
		state.notices.push({ conversation: EVERYONE, time: Date.now(), li: el('li', 'notice meta', text) });
		if (state.current === EVERYONE) {
			renderView();
		}
	}

	function nearBottom() {
		const m = ui.messages;
		return m.scrollHeight - m.scrollTop - m.clientHeight < 80;
	}

	function oldestId() {
		let oldest = null;
		for (const e of state.messages.values()) {
			if (!oldest || e.time < oldest.time || (e.time === oldest.time && e.message.id < oldest.message.id)) {
				oldest = e;
			}
		}
		return oldest ? oldest.message.id : null;
	}

	// one page of older history; a page that adds nothing new (a peer that ignores
	// before=, or the start of its history) ends the scroll-back
	async function loadOlder() {
		if (state.history.loading || state.history.exhausted) {
			return;
		}
		const before = oldestId();
		state.history.loading = true;
		renderView('keep');
		let added = 0;
		try {
			const query = before ? `limit=${PAGE}&before=${encodeURIComponent(before)}` : `limit=${PAGE}`;
			const page = await api('GET', `/messages?${query}`);
			page.forEach((m) => {
				added += addMessage(m, false) ? 1 : 0;
			});
			state.history.exhausted = added === 0 || page.length < PAGE;
		}
		catch (e) {
			showBanner(`Could not load older messages: ${e.message}`);
		}
		finally {
			state.history.loading = false;
		}
		renderView('keep');
		renderConversations();
		if (added > 0 && !state.history.exhausted && ui.messages.scrollTop < 40) {
			loadOlder(); // the page held nothing for this conversation to scroll to
		}
	}

	function selectConversation(key) {
		state.current = key;
		state.unread.delete(key);
		ui.title.textContent = key === EVERYONE ? 'Everyone' : `Private with ${conversationName(key)}`;
		ui.recipient.value = state.peers.has(key) ? key : '';
		ui.text.placeholder = key === EVERYONE ? 'Message everyone, or: msg bob hi'
			: `Message ${conversationName(key)} privately`;
		renderConversations();
		renderView('bottom');
		renderTyping();
	}

	function renderUnread() {
		let total = 0;
		for (const [key, count] of state.unread) {
			total += count;
			if (key === state.current && !document.hidden) {
				state.unread.delete(key);
				total -= count;
			}
		}
		for (const li of document.querySelectorAll('[data-conversation]')) {
			const count = state.unread.get(li.dataset.conversation) || 0;
			const badge = li.querySelector('.unread');
			badge.textContent = String(count);
			badge.hidden = count === 0;
			badge.title = `${count} unread`;
			li.classList.toggle('current', li.dataset.conversation === state.current);
		}
		const name = state.me ? `${state.me.username} · p2p-chat` : 'p2p-chat';
		document.title = total > 0 ? `(${total}) ${name}` : name;
	}

	// ---- notifications (opt-in, only while the tab is hidden) ----

	const canNotify = () => 'Notification' in window;

	function renderNotifyButton() {
		ui.notify.hidden = !canNotify() || Notification.permission === 'granted' || Notification.permission === 'denied';
	}

	function notify(entry) {
		if (!canNotify() || Notification.permission !== 'granted') {
			return;
		}
		const where = entry.conversation === EVERYONE ? '' : ' (private)';
		let n;
		try {
			n = new Notification(`${entry.message.from}${where}`,
				{ body: entry.message.text.slice(0, 200), tag: entry.conversation });
		}
		catch (e) {
			return; // some browsers only notify from a service worker
		}
		n.onclick = () => {
			window.focus();
			selectConversation(entry.conversation);
			n.close();
		};
	}

	// ---- typing ----

	let lastTypingSent = 0;

	function typed() {
		const line = ui.text.value.trim();
		const now = Date.now();
		if (!line || /^rename\b/i.test(line) || now - lastTypingSent < TYPING_EVERY_MS) {
			return;
		}
		const peer = state.peers.get(state.current);
		if (state.current !== EVERYONE && !peer) {
			return; // a thread with someone who left: nobody to tell
		}
		lastTypingSent = now;
		api('POST', '/typing', peer ? { to: peer.username } : {}).catch(() => {
			// best effort: nothing to tell the user
		});
	}

	function someoneTyping(t) {
		const conversation = t.to != null ? t.fromId : EVERYONE;
		if (!state.typing.has(conversation)) {
			state.typing.set(conversation, new Map());
		}
		state.typing.get(conversation).set(t.fromId, { name: t.from, until: Date.now() + TYPING_SHOWN_MS });
		renderTyping();
		setTimeout(renderTyping, TYPING_SHOWN_MS + 50);
	}

	function stopTyping(conversation, fromId) {
		const who = state.typing.get(conversation);
		if (who && fromId && who.delete(fromId)) {
			renderTyping();
		}
	}

	function renderTyping() {
		const now = Date.now();
		const who = Array.from((state.typing.get(state.current) || new Map()).values())
			.filter((w) => w.until > now)
			.map((w) => w.name);
		ui.typing.textContent = who.length === 0 ? ''
			: who.length === 1 ? `${who[0]} is typing…`
				: `${who.slice(0, -1).join(', ')} and ${who[who.length - 1]} are typing…`;
	}

	// ---- delivery state of this user's messages ----

	function recordReceipt(messageId, peerId, username, deliveryState) {
		if (!state.receipts.has(messageId)) {
			state.receipts.set(messageId, new Map());
		}
		state.receipts.get(messageId).set(peerId, { username, state: deliveryState });
		showDelivery(messageId);
	}

	function showDelivery(messageId) {
		const entry = state.own.get(messageId);
		const node = entry && entry.own ? entry.li.querySelector('.state') : null;
		if (!node) {
			return;
		}
		const recipients = Array.from((state.receipts.get(messageId) || new Map()).values());
		const failed = recipients.filter((r) => r.state === 'failed');
		const delivered = recipients.filter((r) => r.state === 'delivered');
		let label;
		let value;
		if (recipients.length === 0) {
			value = state.fetched.has(messageId) ? 'none' : 'pending';
			label = state.fetched.has(messageId) ? '✓ sent (nobody else online)' : '… sending';
		}
		else if (failed.length > 0) {
			value = 'failed';
			label = `✗ not delivered to ${failed.map((r) => r.username).join(', ')}`;
		}
		else if (delivered.length === recipients.length) {
			value = 'delivered';
			label = recipients.length > 1 ? `✓ delivered to all ${recipients.length}` : '✓ delivered';
		}
		else {
			value = 'pending';
			label = `… pending (${delivered.length}/${recipients.length})`;
		}
		node.dataset.state = value;
		node.textContent = label;
		node.title = recipients.map((r) => `${r.username}: ${r.state}`).join('\n');
	}

	async function refreshDelivery(messageId) {
		try {
			const detail = await api('GET', `/messages/${encodeURIComponent(messageId)}`);
			state.fetched.add(messageId);
			for (const r of detail.recipients || []) {
				const known = state.receipts.get(messageId);
				const current = known && known.get(r.peerId);
				// a receipt event may be newer than this read: never go back from a final state
				if (!current || current.state === 'pending') {
					recordReceipt(messageId, r.peerId, r.username, r.state);
				}
			}
			showDelivery(messageId);
		}
		catch (e) {
			// the next poll or receipt event will tell
		}
	}

	function pollPending() {
		const pending = Array.from(state.messages.values())
			.filter((e) => e.own && e.li.querySelector('.state').dataset.state === 'pending')
			.slice(-20);
		pending.forEach((e) => refreshDelivery(e.message.id));
	}

	// ---- peers and the conversation list ----

	function upsertPeer(peer) {
		if (!peer || !peer.peerId || (state.me && peer.peerId === state.me.peerId)) {
			return;
		}
		const known = state.peers.get(peer.peerId) || {};
		// a link state without via is a direct link (or none): forget an old relay
		state.peers.set(peer.peerId, { ...known, ...(peer.link ? { via: undefined } : {}), ...peer });
		adoptNamedThread(peer);
		renderPeers();
	}

	// messages kept under a name (the peer was not known then) join the peer's thread
	function adoptNamedThread(peer) {
		const key = `name:${peer.username.toLowerCase()}`;
		let moved = false;
		for (const e of state.messages.values()) {
			if (e.conversation === key) {
				e.conversation = peer.peerId;
				moved = true;
			}
		}
		if (state.unread.has(key)) {
			state.unread.set(peer.peerId, (state.unread.get(peer.peerId) || 0) + state.unread.get(key));
			state.unread.delete(key);
		}
		if (state.current === key) {
			state.current = peer.peerId;
			moved = true;
		}
		if (moved) {
			renderView();
		}
	}

	// "relayed via <name>" for a link through another peer
	function relayName(peer) {
		if (peer.link !== 'relayed' || !peer.via) {
			return undefined;
		}
		const relay = state.peers.get(peer.via);
		return relay ? relay.username : peer.via.slice(0, 8);
	}

	function conversationItem(key, name, link, via) {
		const li = el('li', 'conversation');
		li.dataset.conversation = key;
		const open = el('button', 'open');
		open.type = 'button';
		open.setAttribute('aria-label', key === EVERYONE ? 'Everyone' : `Message ${name} privately`);
		open.append(el('span', 'name', name));
		const unread = el('span', 'unread');
		unread.hidden = true;
		open.append(unread);
		open.addEventListener('click', () => {
			selectConversation(key);
			ui.text.focus();
		});
		li.append(open);
		if (link) {
			const linkState = el('span', 'link', via ? `${link} via ${via}` : link);
			linkState.dataset.link = link;
			li.append(linkState);
		}
		return li;
	}

	function renderPeers() {
		const peers = Array.from(state.peers.values())
			.sort((a, b) => a.username.localeCompare(b.username, undefined, { sensitivity: 'base' }));
		ui.peers.replaceChildren(...peers.map((peer) => {
			const li = conversationItem(peer.peerId, peer.username, peer.link || 'unknown', relayName(peer));
			li.dataset.peerId = peer.peerId;
			return li;
		}));
		ui.peerCount.textContent = String(peers.length);
		ui.noPeers.hidden = peers.length > 0;
		renderRecipients(peers);
		renderConversations();
	}

	// threads with peers no longer online that hold messages
	function renderConversations() {
		const past = new Set();
		for (const e of state.messages.values()) {
			if (e.conversation !== EVERYONE && !state.peers.has(e.conversation)) {
				past.add(e.conversation);
			}
		}
		if (state.current !== EVERYONE && !state.peers.has(state.current)) {
			past.add(state.current);
		}
		ui.past.replaceChildren(...Array.from(past).sort()
			.map((key) => conversationItem(key, conversationName(key), null)));
		ui.pastHeading.hidden = past.size === 0;
		if (state.current !== EVERYONE) {
			ui.title.textContent = `Private with ${conversationName(state.current)}`;
		}
		renderUnread();
	}

	function renderRecipients(peers) {
		const everyone = el('option', '', 'Everyone');
		everyone.value = '';
		const options = peers.map((peer) => {
			const option = el('option', '', `${peer.username} (private)`);
			option.value = peer.peerId;
			return option;
		});
		ui.recipient.replaceChildren(everyone, ...options);
		ui.recipient.value = state.peers.has(state.current) ? state.current : '';
	}

	// ---- who I am, rename ----

	function setMe(me) {
		const renamed = state.me && state.me.username !== me.username;
		state.me = { peerId: me.peerId, username: me.username };
		state.ownNames.add(me.username.toLowerCase());
		if (document.activeElement !== ui.renameInput) {
			ui.renameInput.value = me.username;
		}
		if (Number.isInteger(me.maxTextLength) && me.maxTextLength > 0) {
			ui.text.maxLength = me.maxTextLength;
		}
		state.peers.delete(me.peerId);
		if (renamed) {
			// mentions of the new name are now this user's
			for (const e of state.messages.values()) {
				const text = renderText(e.message.text);
				e.li.querySelector('.text').replaceWith(text);
				e.li.classList.toggle('mentions-me', text.querySelector('.mention.me') !== null);
			}
		}
		renderUnread();
	}

	async function rename(username) {
		const previous = state.me ? state.me.username : '';
		try {
			setMe(await api('PUT', '/me', { username }));
			ui.renameInput.value = state.me.username;
			showError(ui.renameError, null);
			return true;
		}
		catch (e) {
			const message = e.status === 409
				? `“${username}” is taken. You are still ${previous}.`
				: `Rename failed: ${e.message}`;
			showError(ui.renameError, message);
			return false;
		}
	}

	function showError(node, message) {
		node.textContent = message || '';
		node.hidden = !message;
	}

	function showBanner(message, kind) {
		ui.banner.textContent = message || '';
		ui.banner.hidden = !message;
		ui.banner.classList.toggle('info', kind === 'info');
	}

	// ---- names whose key changed (trust on first use, docs/security.md) ----

	function renderKeyChanges() {
		ui.keyChanges.replaceChildren();
		for (const change of state.keyChanges.values()) {
			const p = el('p', 'key-change');
			p.append(`⚠ ${change.username}'s key changed: it was `, el('span', 'peer-id', change.oldPeerId),
				', now ', el('span', 'peer-id', change.newPeerId),
				`. Private messages to ${change.username} are held back. Accept only if you know why`
				+ ' (a new device or data directory).');
			const accept = el('button', 'accept-key', `Accept ${change.username}'s new key`);
			accept.type = 'button';
			accept.addEventListener('click', () => acceptKey(change));
			p.append(accept);
			ui.keyChanges.append(p);
		}
		ui.keyChanges.hidden = state.keyChanges.size === 0;
	}

	async function acceptKey(change) {
		try {
			await api('POST', `/names/${encodeURIComponent(change.username)}/accept`, { peerId: change.newPeerId });
			state.keyChanges.delete(change.username.toLowerCase());
			addNotice(`You accepted ${change.username}'s new key.`);
		}
		catch (e) {
			showBanner(`Not accepted: ${e.message}`);
		}
		await refreshKeyChanges();
	}

	async function refreshKeyChanges() {
		try {
			const changes = await api('GET', '/names/changes');
			state.keyChanges = new Map(changes.map((c) => [c.username.toLowerCase(), c]));
		}
		catch (e) {
			// kept as they were; the next resync reads them again
		}
		renderKeyChanges();
	}

	// ---- sending ----

	async function submitComposer(event) {
		event.preventDefault();
		const line = ui.text.value;
		const command = parseLine(line);
		if (!line.trim()) {
			return;
		}
		if (command.kind === 'invalid') {
			showError(ui.composerError, command.message);
			return;
		}
		if (command.kind === 'rename') {
			if (await rename(command.username)) {
				clearComposer(line);
			}
			return;
		}
		let to = command.kind === 'private' ? command.to : null;
		if (to === null && ui.recipient.value) {
			to = state.peers.get(ui.recipient.value).username;
		}
		await send(to, command.text, line);
	}

	let inFlight = null; // the line being sent: Enter pressed twice must not send it twice

	async function send(to, text, line) {
		if (inFlight === line) {
			return;
		}
		inFlight = line;
		try {
			const message = await api('POST', '/messages', to ? { to, text } : { text });
			addMessage(message, false);
			const conversation = state.own.get(message.id).conversation;
			if (conversation !== state.current) {
				selectConversation(conversation); // show what was just sent
			}
			else {
				renderView('bottom');
			}
			renderConversations();
			clearComposer(line);
		}
		catch (e) {
			showError(ui.composerError, e.status === 404 && to
				? `Nobody named “${to}” is online. Nothing was sent.`
				: e.status === 409 && to
					? `${to}'s key changed: nothing was sent. See the warning above.`
					: `Not sent: ${e.message}`);
			if (e.status === 409 && to) {
				refreshKeyChanges();
			}
		}
		finally {
			inFlight = null;
		}
	}

	function clearComposer(line) {
		if (ui.text.value === line) {
			ui.text.value = '';
		}
		showError(ui.composerError, null);
		ui.text.focus();
	}

	// ---- live events ----

	const handlers = {
		message: (m) => {
			if (addMessage(m, true)) {
				renderView();
				renderConversations();
			}
		},
		receipt: (r) => recordReceipt(r.messageId, r.peerId, r.username, r.state),
		joined: (p) => {
			if (!state.peers.has(p.peerId)) {
				addNotice(`${p.username} joined the chat.`);
			}
			upsertPeer(p);
		},
		left: (p) => {
			if (state.peers.delete(p.peerId)) {
				state.names.set(p.peerId, p.username);
				addNotice(`${p.username} left the chat.`);
				renderPeers();
			}
		},
		renamed: (r) => {
			if (state.me && r.peerId === state.me.peerId) {
				setMe({ peerId: r.peerId, username: r.username });
				addNotice(`You are now known as ${r.username}.`);
			}
			else {
				addNotice(`${r.previousUsername || 'A peer'} is now known as ${r.username}.`);
				upsertPeer({ peerId: r.peerId, username: r.username });
			}
		},
		// a link can change after the peer left (its link closes): never bring it back
		link: (p) => state.peers.has(p.peerId) && upsertPeer(p),
		typing: (t) => t.fromId && someoneTyping(t),
		'key-changed': (c) => {
			state.keyChanges.set(c.username.toLowerCase(), c);
			renderKeyChanges();
		},
	};

	// live events wait until the first resync has told us who we are
	let backlog = [];

	function dispatch(name, data) {
		if (backlog) {
			backlog.push([name, data]);
			return;
		}
		handlers[name](data);
	}

	function connect() {
		const source = new EventSource('/messages/stream');
		state.source = source;
		source.onopen = () => {
			state.retryMs = 1000;
			if (state.hadStream) {
				showBanner('Live updates are back.', 'info');
				setTimeout(() => ui.banner.classList.contains('info') && showBanner(null), 3000);
			}
			state.hadStream = true;
			resync();
		};
		source.onerror = () => {
			showBanner('Live updates lost. Reconnecting…');
			if (source.readyState === EventSource.CLOSED) {
				// the browser gives up on some errors: retry ourselves, with backoff
				// (and a 401 means the session ended: api() then goes back to the sign-in view)
				api('GET', '/me').catch(() => {});
				setTimeout(connect, state.retryMs);
				state.retryMs = Math.min(state.retryMs * 2, 15000);
			}
		};
		for (const name of EVENTS) {
			source.addEventListener(name, (event) => {
				let data;
				try {
					data = JSON.parse(event.data);
				}
				catch (e) {
					return;
				}
				dispatch(name, data);
			});
		}
	}

	// on every (re)connection: who am I, who is there, what was said (de-duplicated by id)
	async function resync() {
		try {
			await load();
		}
		catch (e) {
			showBanner(`Could not load the chat: ${e.message}`);
		}
		if (backlog) {
			const waiting = backlog;
			backlog = null;
			waiting.forEach(([name, data]) => handlers[name](data));
		}
	}

	async function load() {
		const [me, peers, history, changes] = await Promise.all([
			api('GET', '/me'), api('GET', '/peers'), api('GET', `/messages?limit=${PAGE}`), api('GET', '/names/changes'),
		]);
		state.keyChanges = new Map(changes.map((c) => [c.username.toLowerCase(), c]));
		renderKeyChanges();
		setMe(me);
		state.peers.clear();
		peers.forEach(upsertPeer);
		renderPeers();
		const first = state.messages.size === 0;
		// after a reconnection, what arrived meanwhile is new to the user
		history.forEach((m) => addMessage(m, !first));
		if (first && history.length < PAGE) {
			state.history.exhausted = true;
		}
		renderView();
		renderConversations();
		Array.from(state.messages.values()).filter((e) => e.own).slice(-20)
			.forEach((e) => refreshDelivery(e.message.id));
	}

	ui.composer.addEventListener('submit', submitComposer);
	ui.text.addEventListener('input', () => {
		showError(ui.composerError, null);
		typed();
	});
	ui.recipient.addEventListener('change', () => selectConversation(ui.recipient.value || EVERYONE));
	ui.everyone.querySelector('button').addEventListener('click', () => {
		selectConversation(EVERYONE);
		ui.text.focus();
	});
	ui.search.addEventListener('input', () => renderView('bottom'));
	ui.search.addEventListener('keydown', (event) => {
		if (event.key === 'Escape') {
			ui.search.value = '';
			renderView('bottom');
		}
	});
	ui.messages.addEventListener('scroll', () => {
		if (ui.messages.scrollTop < 40 && !ui.search.value.trim()) {
			loadOlder();
		}
	});
	document.addEventListener('visibilitychange', renderUnread);
	ui.notify.addEventListener('click', async () => {
		await Notification.requestPermission();
		renderNotifyButton();
	});
	ui.renameForm.addEventListener('submit', async (event) => {
		event.preventDefault();
		const username = ui.renameInput.value.trim();
		if (username && (!state.me || username !== state.me.username)) {
			if (await rename(username)) {
				ui.text.focus();
			}
		}
	});
	ui.renameInput.addEventListener('keydown', (event) => {
		if (event.key === 'Escape' && state.me) {
			ui.renameInput.value = state.me.username;
			showError(ui.renameError, null);
			ui.text.focus();
		}
	});
	ui.signOut.addEventListener('click', async () => {
		try {
			await api('POST', '/signout');
		}
		finally {
			window.location.assign('/');
		}
	});
	renderNotifyButton();
	setInterval(pollPending, POLL_PENDING_MS);
	connect();
	ui.text.focus();
})();
