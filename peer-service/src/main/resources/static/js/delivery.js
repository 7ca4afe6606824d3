import { state, el } from './core.js';
import { api } from './api.js';

// ---- delivery state of this user's messages ----

export function recordReceipt(messageId, peerId, username, deliveryState) {
	if (!state.receipts.has(messageId)) {
		state.receipts.set(messageId, new Map());
	}
	state.receipts.get(messageId).set(peerId, { username, state: deliveryState });
	showDelivery(messageId);
}

export function showDelivery(messageId) {
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
	const readers = state.readBy.get(messageId) || [];
	let readBy = entry.li.querySelector('.read-by');
	if (!readBy) {
		readBy = el('span', 'read-by');
		node.after(readBy);
	}
	readBy.textContent = readers.length ? `read by ${readers.join(', ')}` : '';
	readBy.hidden = readers.length === 0;
}

export async function refreshDelivery(messageId) {
	try {
		const detail = await api('GET', `/messages/${encodeURIComponent(messageId)}`);
		state.fetched.add(messageId);
		state.readBy.set(messageId, (detail.read || []).map((r) => r.username)
			.filter((name) => !state.me || name !== state.me.username));
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

export function pollPending() {
	const pending = Array.from(state.messages.values())
		.filter((e) => e.own && e.li.querySelector('.state').dataset.state === 'pending')
		.slice(-20);
	pending.forEach((e) => refreshDelivery(e.message.id));
}
