package dev.p2pchat.peer.messaging;

import java.text.BreakIterator;
import java.util.Locale;

/**
 * A reaction: exactly one emoji, one user-perceived character (a grapheme cluster, so
 * that skin tones, flags and ZWJ sequences count as one) that starts with an emoji code
 * point other than ASCII, or a keycap ({@code 1️⃣}).
 */
final class Emoji {

	/** Longest reaction, in UTF-16 units: the longest ZWJ sequences are about 15. */
	static final int MAX_LENGTH = 32;

	private Emoji() {
	}

	static boolean valid(String value) {
		if (value.isEmpty() || value.length() > MAX_LENGTH || !Utf16.wellFormed(value)) {
			return false;
		}
		if (value.codePoints().anyMatch((cp) -> Character.isWhitespace(cp) || Character.isISOControl(cp))) {
			return false;
		}
		BreakIterator clusters = BreakIterator.getCharacterInstance(Locale.ROOT);
		clusters.setText(value);
		if (clusters.next() != value.length()) {
			return false;
		}
		int first = value.codePointAt(0);
		return (first > 0x7F && Character.isEmoji(first)) || value.indexOf('\u20E3') > 0;
	}

}
