import { ui, state, el, showBanner } from './core.js';
import { api } from './api.js';
import { addNotice } from './messages.js';

// ---- names whose key changed (trust on first use, docs/security.md) ----

export function renderKeyChanges() {
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

export async function acceptKey(change) {
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

export async function refreshKeyChanges() {
	try {
		const changes = await api('GET', '/names/changes');
		state.keyChanges = new Map(changes.map((c) => [c.username.toLowerCase(), c]));
	}
	catch (e) {
		// kept as they were; the next resync reads them again
	}
	renderKeyChanges();
}
