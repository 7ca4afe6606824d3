// ---- the conversation shown, unread counts ----

import { EVERYONE, ui, state, el } from './core.js';
import { conversationName, renderView } from './messages.js';
import { renderTyping } from './typing.js';

export function selectConversation(key) {
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

export function renderUnread() {
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

// ---- peers and the conversation list ----

export function upsertPeer(peer) {
	if (!peer || !peer.peerId || (state.me && peer.peerId === state.me.peerId)) {
		return;
	}
	const known = state.peers.get(peer.peerId) || {};
	state.peers.set(peer.peerId, { ...known, ...peer });
	adoptNamedThread(peer);
	renderPeers();
}

// messages kept under a name (the peer was not known then) join the peer's thread
export function adoptNamedThread(peer) {
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

export function conversationItem(key, name, link) {
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
		const linkState = el('span', 'link', link);
		linkState.dataset.link = link;
		li.append(linkState);
	}
	return li;
}

export function renderPeers() {
	const peers = Array.from(state.peers.values())
		.sort((a, b) => a.username.localeCompare(b.username, undefined, { sensitivity: 'base' }));
	ui.peers.replaceChildren(...peers.map((peer) => {
		const li = conversationItem(peer.peerId, peer.username, peer.link || 'unknown');
		li.dataset.peerId = peer.peerId;
		return li;
	}));
	ui.peerCount.textContent = String(peers.length);
	ui.noPeers.hidden = peers.length > 0;
	renderRecipients(peers);
	renderConversations();
}

// threads with peers no longer online that hold messages
export function renderConversations() {
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

export function renderRecipients(peers) {
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
