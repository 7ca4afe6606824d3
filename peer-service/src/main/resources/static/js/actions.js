import { ui, state, el, showError } from './core.js';
import { api } from './api.js';
import { rerender } from './messages.js';
import { refreshDelivery } from './delivery.js';

// ---- replies, edits, deletions, reactions, read markers (docs/api.md) ----

export const REACTIONS = ['👍', '❤️', '😂', '🎉'];

const keyFor = (fromId, id) => `${fromId}/${id}`;

// the quote, flags, reactions and action buttons of a message, added to its rendering
export function decorate(li, message, own) {
	if (message.replyTo) {
		const answered = findById(message.replyTo);
		const quote = el('blockquote', 'reply-quote', answered
			? `${answered.message.from}: ${answered.message.deleted ? 'deleted message' : answered.message.text}`
			: 'a message not loaded here');
		li.querySelector('.meta').after(quote);
	}
	if (message.deleted) {
		li.classList.add('deleted');
		li.querySelector('.text').replaceWith(el('p', 'text deleted-text', 'This message was deleted.'));
		return;
	}
	if (message.edited) {
		li.querySelector('.meta').append(el('span', 'edited', 'edited'));
	}
	const reactions = el('div', 'reactions');
	for (const [emoji, who] of Object.entries(message.reactions || {})) {
		const mine = state.me && who.includes(state.me.username);
		const chip = el('button', mine ? 'reaction mine' : 'reaction', `${emoji} ${who.length}`);
		chip.type = 'button';
		chip.title = who.join(', ');
		chip.dataset.emoji = emoji;
		chip.addEventListener('click', () => react(message, emoji, !mine));
		reactions.append(chip);
	}
	const tools = el('div', 'actions');
	tools.append(button('Reply', 'reply', () => startReply(message)));
	for (const emoji of REACTIONS) {
		tools.append(button(emoji, 'react', () => react(message, emoji, true), `React with ${emoji}`));
	}
	if (own) {
		tools.append(button('Edit', 'edit', () => edit(message)), button('Delete', 'delete', () => remove(message)));
	}
	li.append(reactions, tools);
}

function button(label, className, onClick, title) {
	const b = el('button', `quiet ${className}`, label);
	b.type = 'button';
	if (title) {
		b.setAttribute('aria-label', title);
	}
	b.addEventListener('click', onClick);
	return b;
}

function findById(id) {
	return Array.from(state.messages.values()).find((e) => e.message.id === id) || null;
}

// the composer's reply: the next message sent answers this one
export function startReply(message) {
	state.replyingTo = message;
	ui.replyBanner.hidden = false;
	ui.replyBanner.querySelector('.reply-to').textContent = `Replying to ${message.from}: ${message.text}`;
	ui.text.focus();
}

export function cancelReply() {
	state.replyingTo = null;
	ui.replyBanner.hidden = true;
}

async function edit(message) {
	const text = window.prompt('Edit your message', message.text);
	if (text === null || !text.trim() || text === message.text) {
		return;
	}
	try {
		applyChange(await api('PATCH', `/messages/${encodeURIComponent(message.id)}`, { text }));
	}
	catch (e) {
		showError(ui.composerError, `Not edited: ${e.message}`);
	}
}

async function remove(message) {
	try {
		await api('DELETE', `/messages/${encodeURIComponent(message.id)}`);
		applyChange({ ...message, text: '', deleted: true, reactions: undefined });
	}
	catch (e) {
		showError(ui.composerError, `Not deleted: ${e.message}`);
	}
}

async function react(message, emoji, add) {
	try {
		const path = `/messages/${encodeURIComponent(message.id)}/reactions/${encodeURIComponent(emoji)}`;
		applyChange(await api(add ? 'PUT' : 'DELETE', path));
	}
	catch (e) {
		showError(ui.composerError, `No reaction: ${e.message}`);
	}
}

// the conversation shown is read up to its newest message from someone else
let lastRead = null;

export function markRead(entries) {
	const theirs = entries.filter((e) => !e.own);
	const newest = theirs[theirs.length - 1];
	if (!newest || document.hidden || newest.message.id === lastRead) {
		return;
	}
	lastRead = newest.message.id;
	api('POST', '/messages/read', { upTo: newest.message.id }).catch(() => {
		// best effort: the next view marks it again
	});
}

// a message as the peer now shows it (an action's answer or a page of history)
export function applyChange(message) {
	const entry = state.messages.get(keyFor(message.fromId, message.id));
	if (!entry) {
		return;
	}
	const before = JSON.stringify([entry.message.text, entry.message.edited, entry.message.deleted,
		entry.message.reactions]);
	entry.message = { ...entry.message, text: message.text, edited: message.edited, deleted: message.deleted,
		reactions: message.reactions, replyTo: message.replyTo || entry.message.replyTo };
	if (before !== JSON.stringify([message.text, message.edited, message.deleted, message.reactions])) {
		rerender(entry);
	}
}

// the stream's action events
export const actionHandlers = {
	edited: (e) => patch(e, (m) => ({ ...m, text: e.text, edited: true })),
	deleted: (e) => patch(e, (m) => ({ ...m, text: '', deleted: true, reactions: undefined })),
	reaction: (e) => patch(e, (m) => {
		const reactions = { ...(m.reactions || {}) };
		const who = (reactions[e.emoji] || []).filter((name) => name !== e.username);
		if (e.added) {
			who.push(e.username);
		}
		if (who.length > 0) {
			reactions[e.emoji] = who;
		}
		else {
			delete reactions[e.emoji];
		}
		return { ...m, reactions: Object.keys(reactions).length ? reactions : undefined };
	}),
	// someone read up to a message: this user's messages before it show who
	read: () => Array.from(state.own.values()).slice(-20).forEach((e) => refreshDelivery(e.message.id)),
};

function patch(event, change) {
	const entry = state.messages.get(keyFor(event.fromId, event.messageId));
	if (entry) {
		entry.message = change(entry.message);
		rerender(entry);
	}
}
