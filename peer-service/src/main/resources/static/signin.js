// p2p-chat sign-in view: shown instead of the chat until the page has its session.
'use strict';

(() => {
	if (new URLSearchParams(window.location.search).get('signin') === 'failed') {
		document.getElementById('signin-failed').hidden = false;
	}
})();
