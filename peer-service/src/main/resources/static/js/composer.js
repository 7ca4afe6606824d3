import { ui, state, showError } from './core.js';
import { api } from './api.js';
import { parseLine } from './commands.js';
import { addMessage, renderView } from './messages.js';
import { selectConversation, renderConversations } from './conversations.js';
import { rename } from './me.js';
import { refreshKeyChanges } from './keys.js';
import { cancelReply } from './actions.js';

// ---- sending ----

export async function submitComposer(event) {
	event.preventDefault();
	const line = ui.text.value;
	const command = parseLine(line);
	if (!line.trim()) {
		return;
	}
	if (command.kind === 'invalid') {
		showError(ui.composerError, command.message);
		return;
	}
	if (command.kind === 'rename') {
		if (await rename(command.username)) {
			clearComposer(line);
		}
		return;
	}
	let to = command.kind === 'private' ? command.to : null;
	if (to === null && ui.recipient.value) {
		to = state.peers.get(ui.recipient.value).username;
	}
	await send(to, command.text, line);
}

let inFlight = null; // the line being sent: Enter pressed twice must not send it twice

export async function send(to, text, line) {
	if (inFlight === line) {
		return;
	}
	inFlight = line;
	try {
		const replyTo = state.replyingTo ? state.replyingTo.id : null;
		// a reply goes to the conversation of the message it answers
		const body = replyTo ? { text, replyTo } : to ? { to, text } : { text };
		const message = await api('POST', '/messages', body);
		cancelReply();
		addMessage(message, false);
		const conversation = state.own.get(message.id).conversation;
		if (conversation !== state.current) {
			selectConversation(conversation); // show what was just sent
		}
		else {
			renderView('bottom');
		}
		renderConversations();
		clearComposer(line);
	}
	catch (e) {
		showError(ui.composerError, e.status === 404 && to
			? `Nobody named “${to}” is online. Nothing was sent.`
			: e.status === 409 && to
				? `${to}'s key changed: nothing was sent. See the warning above.`
				: `Not sent: ${e.message}`);
		if (e.status === 409 && to) {
			refreshKeyChanges();
		}
	}
	finally {
		inFlight = null;
	}
}

export function clearComposer(line) {
	if (ui.text.value === line) {
		ui.text.value = '';
	}
	showError(ui.composerError, null);
	ui.text.focus();
}
