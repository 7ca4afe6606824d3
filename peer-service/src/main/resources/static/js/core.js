// Shared by the page's modules: tunables, the page's elements, its state and small DOM helpers.

export const PAGE = 50; // messages per history request (at start and per scroll-back)
export const POLL_PENDING_MS = 3000;
export const TYPING_SHOWN_MS = 4000;
export const TYPING_EVERY_MS = 2000; // the peer forwards at most one notice per 2 s anyway
export const EVERYONE = 'everyone';
export const EVENTS = ['message', 'receipt', 'joined', 'left', 'renamed', 'link', 'typing', 'key-changed',
	'edited', 'deleted', 'reaction', 'read'];

export const $ = (id) => document.getElementById(id);
export const ui = {
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
	replyBanner: $('reply-banner'),
	replyCancel: $('reply-cancel'),
	renameForm: $('rename-form'),
	renameInput: $('rename-input'),
	renameError: $('rename-error'),
	signOut: $('sign-out'),
};

export const state = {
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
	readBy: new Map(), // own message id -> usernames who read it (or past it)
	replyingTo: null, // the message the composer's next message answers
	notices: [], // joins, leaves, renames: shown in the Everyone conversation, in arrival order
	source: null,
	retryMs: 1000,
	hadStream: false,
};

export function el(tag, className, text) {
	const node = document.createElement(tag);
	if (className) {
		node.className = className;
	}
	if (text !== undefined) {
		node.textContent = text;
	}
	return node;
}

export function showError(node, message) {
	node.textContent = message || '';
	node.hidden = !message;
}

export function showBanner(message, kind) {
	ui.banner.textContent = message || '';
	ui.banner.hidden = !message;
	ui.banner.classList.toggle('info', kind === 'info');
}
