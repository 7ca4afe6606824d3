import { ui, state, showError } from './core.js';
import { api } from './api.js';
import { renderText } from './messages.js';
import { renderUnread } from './conversations.js';

// ---- who I am, rename ----

export function setMe(me) {
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

export async function rename(username) {
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
