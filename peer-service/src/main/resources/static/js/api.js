// The peer's HTTP API (docs/api.md), with the page session's CSRF token on every change.

export class ApiError extends Error {
	constructor(status, detail) {
		super(detail);
		this.status = status;
	}
}

// the page's session needs its CSRF token on every change (docs/security.md)
let csrf = null;

export async function csrfHeaders() {
	if (!csrf) {
		const session = await api('GET', '/session');
		csrf = { [session.csrfHeader]: session.csrfToken };
	}
	return csrf;
}

export async function api(method, path, body) {
	const init = { method, headers: { Accept: 'application/json, application/problem+json' } };
	if (method !== 'GET') {
		Object.assign(init.headers, await csrfHeaders());
	}
	if (body !== undefined) {
		init.headers['Content-Type'] = 'application/json';
		init.body = JSON.stringify(body);
	}
	let response;
	try {
		response = await fetch(path, init);
	}
	catch (e) {
		throw new ApiError(0, 'The peer did not answer. Is it still running?');
	}
	if (response.status === 401) {
		// the session ended (signed out, expired, peer restarted): back to the sign-in view
		window.location.assign('/');
		throw new ApiError(401, 'Signed out.');
	}
	const raw = await response.text();
	let data = null;
	try {
		data = raw ? JSON.parse(raw) : null;
	}
	catch (e) {
		data = null;
	}
	if (!response.ok) {
		const detail = data && (data.detail || data.title);
		throw new ApiError(response.status, detail || `The peer answered ${response.status}.`);
	}
	return data;
}
