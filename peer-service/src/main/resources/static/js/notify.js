import { EVERYONE, ui } from './core.js';
import { selectConversation } from './conversations.js';

// ---- notifications (opt-in, only while the tab is hidden) ----

export const canNotify = () => 'Notification' in window;

export function renderNotifyButton() {
	ui.notify.hidden = !canNotify() || Notification.permission === 'granted' || Notification.permission === 'denied';
}

export function notify(entry) {
	if (!canNotify() || Notification.permission !== 'granted') {
		return;
	}
	const where = entry.conversation === EVERYONE ? '' : ' (private)';
	let n;
	try {
		n = new Notification(`${entry.message.from}${where}`,
			{ body: entry.message.text.slice(0, 200), tag: entry.conversation });
	}
	catch (e) {
		return; // some browsers only notify from a service worker
	}
	n.onclick = () => {
		window.focus();
		selectConversation(entry.conversation);
		n.close();
	};
}
