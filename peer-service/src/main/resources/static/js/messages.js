import { PAGE, EVERYONE, ui, state, el, showBanner } from './core.js';
import { api } from './api.js';
import { renderUnread, renderConversations } from './conversations.js';
import { notify } from './notify.js';
import { stopTyping } from './typing.js';
import { showDelivery, refreshDelivery } from './delivery.js';
import { decorate, applyChange, markRead } from './actions.js';

// ---- messages and conversations ----

// by id: a name can be another's later, an id is the sender's key
export const isOwn = (message) => (message.fromId && state.me) ? message.fromId === state.me.peerId
	: state.ownNames.has(String(message.from).toLowerCase());

export const keyOf = (message) => `${message.fromId || String(message.from).toLowerCase()}/${message.id}`;

export function timeOf(message) {
	const t = Date.parse(message.sentAt);
	return Number.isNaN(t) ? Date.now() : t;
}

export function peerByName(name) {
	const lower = String(name).toLowerCase();
	return Array.from(state.peers.values()).find((p) => p.username.toLowerCase() === lower);
}

// the conversation a message belongs to: everyone, or the thread with the other party
export function conversationOf(message, own) {
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

export function conversationName(key) {
	if (key === EVERYONE) {
		return 'Everyone';
	}
	const peer = state.peers.get(key);
	return peer ? peer.username : (state.names.get(key) || key);
}

export const dayKey = (t) => new Date(t).toDateString();
export const fullTime = (t) => new Date(t).toLocaleString([], { dateStyle: 'full', timeStyle: 'medium' });
export const dayLabel = (t) => new Date(t).toLocaleDateString([], { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' });

// the text with @mentions of known names marked; only text nodes and spans, never HTML
export function renderText(text) {
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

export function renderMessage(message, own) {
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
	decorate(li, message, own);
	return li;
}

// shows a message again after an action changed it, keeping its place and delivery state
export function rerender(entry) {
	const li = renderMessage(entry.message, entry.own);
	entry.li.replaceWith(li);
	entry.li = li;
	if (entry.own) {
		showDelivery(entry.message.id);
	}
}

// live: a message that arrives now (it may be unread); otherwise history
export function addMessage(message, live) {
	// an id is its sender's: another sender reusing it is another message, never a duplicate
	if (!message || !message.id) {
		return false;
	}
	if (state.messages.has(keyOf(message))) {
		applyChange(message); // a page of history shows its actions as of now
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
export function renderView(anchor) {
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
	markRead(inConversation);
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

export const matches = (e, query) => e.message.text.toLowerCase().includes(query)
	|| String(e.message.from).toLowerCase().includes(query);

export function olderControl() {
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
export function addNotice(text) {
	state.notices.push({ conversation: EVERYONE, time: Date.now(), li: el('li', 'notice meta', text) });
	if (state.current === EVERYONE) {
		renderView();
	}
}

export function nearBottom() {
	const m = ui.messages;
	return m.scrollHeight - m.scrollTop - m.clientHeight < 80;
}

export function oldestId() {
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
export async function loadOlder() {
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
