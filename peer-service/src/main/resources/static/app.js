// p2p-chat browser page: a client of this peer's public HTTP API (docs/api.md) only.
// Every piece of data from the network is shown with textContent, never parsed as HTML.
'use strict';

(() => {
	const HISTORY_LIMIT = 200;
	const POLL_PENDING_MS = 3000;
	const EVENTS = ['message', 'receipt', 'joined', 'left', 'renamed', 'link'];

	const $ = (id) => document.getElementById(id);
	const ui = {
		messages: $('messages'),
		empty: $('empty'),
		peers: $('peers'),
		peerCount: $('peer-count'),
		noPeers: $('no-peers'),
		banner: $('banner'),
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
		messages: new Map(), // id -> {message, li, own, time}
		receipts: new Map(), // messageId -> Map(peerId -> {username, state})
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

	// ---- messages ----

	const isOwn = (message) => state.ownNames.has(String(message.from).toLowerCase());

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
		const time = el('time', 'sent', new Date(timeOf(message)).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }));
		time.dateTime = new Date(timeOf(message)).toISOString();
		meta.append(time);
		if (own) {
			const delivery = el('span', 'state', '… sending');
			delivery.dataset.state = 'pending';
			meta.append(delivery);
		}
		li.append(meta, el('p', 'text', message.text));
		return li;
	}

	function addMessage(message) {
		if (!message || !message.id || state.messages.has(message.id)) {
			return;
		}
		const own = isOwn(message);
		const entry = { message, own, time: timeOf(message), li: renderMessage(message, own) };
		const stick = nearBottom();
		// keep the log in sending order; live messages (the usual case) land at the end
		let before = null;
		for (const other of Array.from(state.messages.values()).reverse()) {
			if (other.time <= entry.time) {
				break;
			}
			before = other.li;
		}
		ui.messages.insertBefore(entry.li, before);
		state.messages.set(message.id, entry);
		ui.empty.hidden = true;
		if (own) {
			showDelivery(message.id);
			if (!state.fetched.has(message.id)) {
				refreshDelivery(message.id);
			}
		}
		if (stick) {
			ui.messages.scrollTop = ui.messages.scrollHeight;
		}
	}

	function addNotice(text) {
		const stick = nearBottom();
		ui.messages.append(el('li', 'notice meta', text));
		if (stick) {
			ui.messages.scrollTop = ui.messages.scrollHeight;
		}
	}

	function nearBottom() {
		const m = ui.messages;
		return m.scrollHeight - m.scrollTop - m.clientHeight < 80;
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
		const entry = state.messages.get(messageId);
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

	// ---- peers ----

	function upsertPeer(peer) {
		if (!peer || !peer.peerId || (state.me && peer.peerId === state.me.peerId)) {
			return;
		}
		const known = state.peers.get(peer.peerId) || {};
		state.peers.set(peer.peerId, { ...known, ...peer });
		renderPeers();
	}

	function renderPeers() {
		const peers = Array.from(state.peers.values())
			.sort((a, b) => a.username.localeCompare(b.username, undefined, { sensitivity: 'base' }));
		ui.peers.replaceChildren(...peers.map((peer) => {
			const li = el('li');
			li.dataset.peerId = peer.peerId;
			const link = el('span', 'link', peer.link || 'unknown');
			link.dataset.link = peer.link || 'unknown';
			const button = el('button', '', 'Message');
			button.type = 'button';
			button.setAttribute('aria-label', `Message ${peer.username} privately`);
			button.addEventListener('click', () => {
				ui.recipient.value = peer.peerId;
				ui.text.focus();
			});
			li.append(el('span', 'name', peer.username), link, button);
			return li;
		}));
		ui.peerCount.textContent = String(peers.length);
		ui.noPeers.hidden = peers.length > 0;
		renderRecipients(peers);
	}

	function renderRecipients(peers) {
		const selected = ui.recipient.value;
		const everyone = el('option', '', 'Everyone');
		everyone.value = '';
		const options = peers.map((peer) => {
			const option = el('option', '', `${peer.username} (private)`);
			option.value = peer.peerId;
			return option;
		});
		ui.recipient.replaceChildren(everyone, ...options);
		ui.recipient.value = state.peers.has(selected) ? selected : '';
	}

	// ---- who I am, rename ----

	function setMe(me) {
		state.me = { peerId: me.peerId, username: me.username };
		state.ownNames.add(me.username.toLowerCase());
		if (document.activeElement !== ui.renameInput) {
			ui.renameInput.value = me.username;
		}
		document.title = `${me.username} · p2p-chat`;
		state.peers.delete(me.peerId);
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
			addMessage(message);
			clearComposer(line);
		}
		catch (e) {
			showError(ui.composerError, e.status === 404 && to
				? `Nobody named “${to}” is online. Nothing was sent.`
				: `Not sent: ${e.message}`);
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
		message: (m) => addMessage(m),
		receipt: (r) => recordReceipt(r.messageId, r.peerId, r.username, r.state),
		joined: (p) => {
			if (!state.peers.has(p.peerId)) {
				addNotice(`${p.username} joined the chat.`);
			}
			upsertPeer(p);
		},
		left: (p) => {
			if (state.peers.delete(p.peerId)) {
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
		const [me, peers, history] = await Promise.all([
			api('GET', '/me'), api('GET', '/peers'), api('GET', `/messages?limit=${HISTORY_LIMIT}`),
		]);
		setMe(me);
		state.peers.clear();
		peers.forEach(upsertPeer);
		renderPeers();
		history.forEach(addMessage);
		Array.from(state.messages.values()).filter((e) => e.own).slice(-20)
			.forEach((e) => refreshDelivery(e.message.id));
	}

	ui.composer.addEventListener('submit', submitComposer);
	ui.text.addEventListener('input', () => showError(ui.composerError, null));
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
	setInterval(pollPending, POLL_PENDING_MS);
	connect();
	ui.text.focus();
})();
