// ---- the composer's terminal-style commands (same rules as the terminal client) ----

export const isQuote = (c) => c === '\'' || c === '"';

export function unquote(value) {
	if (value.length < 2 || !isQuote(value[0]) || value[value.length - 1] !== value[0]) {
		return value;
	}
	const inner = value.slice(1, -1);
	for (let i = inner.indexOf(value[0]); i >= 0; i = inner.indexOf(value[0], i + 1)) {
		const wordBefore = i > 0 && !/\s/.test(inner[i - 1]);
		const wordAfter = i < inner.length - 1 && !/\s/.test(inner[i + 1]);
		if (!(wordBefore && wordAfter)) {
			return value;
		}
	}
	return inner;
}

export function parseLine(line) {
	const trimmed = line.trim();
	const match = /^(\S+)(?:\s+([\s\S]*))?$/.exec(trimmed);
	const word = match ? match[1].toLowerCase() : '';
	const rest = match && match[2] ? match[2].trim() : '';
	if (word === 'msg') {
		return parsePrivate(rest);
	}
	if (word === 'rename') {
		return rest ? { kind: 'rename', username: unquote(rest) }
			: { kind: 'invalid', message: 'Type a name after rename, or use the box at the top.' };
	}
	return { kind: 'broadcast', text: trimmed };
}

export function parsePrivate(rest) {
	const usage = { kind: 'invalid', message: 'Usage: msg <username> <text>, e.g. msg bob hi' };
	let to;
	let remainder;
	if (rest && isQuote(rest[0])) {
		const close = rest.indexOf(rest[0], 1);
		if (close < 0) {
			return usage;
		}
		to = rest.slice(1, close);
		remainder = rest.slice(close + 1);
	}
	else {
		const parts = /^(\S*)\s*([\s\S]*)$/.exec(rest);
		to = parts[1];
		remainder = parts[2];
	}
	const text = unquote(remainder.trim());
	return (to.trim() && text) ? { kind: 'private', to: to.trim(), text } : usage;
}
