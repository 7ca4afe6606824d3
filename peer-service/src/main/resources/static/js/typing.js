import { TYPING_SHOWN_MS, TYPING_EVERY_MS, EVERYONE, ui, state } from './core.js';
import { api } from './api.js';

// ---- typing ----

let lastTypingSent = 0;

export function typed() {
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

export function someoneTyping(t) {
	const conversation = t.to != null ? t.fromId : EVERYONE;
	if (!state.typing.has(conversation)) {
		state.typing.set(conversation, new Map());
	}
	state.typing.get(conversation).set(t.fromId, { name: t.from, until: Date.now() + TYPING_SHOWN_MS });
	renderTyping();
	setTimeout(renderTyping, TYPING_SHOWN_MS + 50);
}

export function stopTyping(conversation, fromId) {
	const who = state.typing.get(conversation);
	if (who && fromId && who.delete(fromId)) {
		renderTyping();
	}
}

export function renderTyping() {
	const now = Date.now();
	const who = Array.from((state.typing.get(state.current) || new Map()).values())
		.filter((w) => w.until > now)
		.map((w) => w.name);
	ui.typing.textContent = who.length === 0 ? ''
		: who.length === 1 ? `${who[0]} is typing…`
			: `${who.slice(0, -1).join(', ')} and ${who[who.length - 1]} are typing…`;
}
