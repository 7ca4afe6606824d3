package dev.p2pchat.peer.messaging;

/**
 * Well-formed UTF-16: every surrogate in a pair. A lone surrogate is no Unicode character
 * and has no UTF-8 encoding.
 */
final class Utf16 {

	private Utf16() {
	}

	static boolean wellFormed(CharSequence text) {
		for (int i = 0, n = text.length(); i < n; i++) {
			char c = text.charAt(i);
			if (Character.isHighSurrogate(c)) {
				if (i + 1 == n || !Character.isLowSurrogate(text.charAt(i + 1))) {
					return false;
				}
				i++;
			}
			else if (Character.isLowSurrogate(c)) {
				return false;
			}
		}
		return true;
	}

}
