import { PAGE, EVENTS, ui, state, showBanner } from './core.js';
import { api } from './api.js';
import { addMessage, renderView, addNotice } from './messages.js';
import { upsertPeer, renderPeers, renderConversations } from './conversations.js';
import { someoneTyping } from './typing.js';
import { recordReceipt, refreshDelivery } from './delivery.js';
import { setMe } from './me.js';
import { renderKeyChanges } from './keys.js';
import { actionHandlers } from './actions.js';

// ---- live events ----

export const handlers = {
	...actionHandlers,
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

export function dispatch(name, data) {
	if (backlog) {
		backlog.push([name, data]);
		return;
	}
	handlers[name](data);
}

export function connect() {
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
export async function resync() {
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

export async function load() {
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
