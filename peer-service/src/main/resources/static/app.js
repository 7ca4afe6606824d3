// p2p-chat browser page: a client of this peer's public HTTP API (docs/api.md) only.
// Every piece of data from the network is shown with textContent, never parsed as HTML.
// Plain ES modules (no build step): this one wires the page's controls, js/ holds the rest.

import { POLL_PENDING_MS, EVERYONE, ui, state, showError } from './js/core.js';
import { api } from './js/api.js';
import { renderView, loadOlder } from './js/messages.js';
import { selectConversation, renderUnread } from './js/conversations.js';
import { renderNotifyButton } from './js/notify.js';
import { typed } from './js/typing.js';
import { pollPending } from './js/delivery.js';
import { rename } from './js/me.js';
import { submitComposer } from './js/composer.js';
import { connect } from './js/live.js';
import { cancelReply } from './js/actions.js';

ui.composer.addEventListener('submit', submitComposer);
ui.replyCancel.addEventListener('click', cancelReply);
ui.text.addEventListener('input', () => {
	showError(ui.composerError, null);
	typed();
});
ui.recipient.addEventListener('change', () => selectConversation(ui.recipient.value || EVERYONE));
ui.everyone.querySelector('button').addEventListener('click', () => {
	selectConversation(EVERYONE);
	ui.text.focus();
});
ui.search.addEventListener('input', () => renderView('bottom'));
ui.search.addEventListener('keydown', (event) => {
	if (event.key === 'Escape') {
		ui.search.value = '';
		renderView('bottom');
	}
});
ui.messages.addEventListener('scroll', () => {
	if (ui.messages.scrollTop < 40 && !ui.search.value.trim()) {
		loadOlder();
	}
});
document.addEventListener('visibilitychange', renderUnread);
ui.notify.addEventListener('click', async () => {
	await Notification.requestPermission();
	renderNotifyButton();
});
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
renderNotifyButton();
setInterval(pollPending, POLL_PENDING_MS);
connect();
ui.text.focus();
