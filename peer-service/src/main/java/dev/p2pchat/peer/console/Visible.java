package dev.p2pchat.peer.console;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Makes text safe to print on a terminal: every control character becomes a visible
 * escape, so that other people's text and names can neither move the cursor, clear the
 * screen, retitle the window nor hide what is printed. C0 controls and DEL in caret
 * notation ({@code ESC} as {@code ^[}, {@code BEL} as {@code ^G}, a newline as
 * {@code ^J}); C1 controls and the Unicode format characters that reorder or hide text
 * (bidirectional overrides and isolates, zero-width characters) as {@code <U+XXXX>}. A
 * tab stays a tab. Stateless.
 */
final class Visible {

	/** A colour (SGR) sequence: what the peer's own log lines may carry. */
	private static final Pattern SGR = Pattern.compile("\u001B\\[[0-9;]{0,32}m");

	private Visible() {
	}

	/** The text with every control character shown as an escape. */
	static String escape(String text) {
		@Nullable StringBuilder out = null;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			String escaped = escape(c);
			if (escaped != null && out == null) {
				out = new StringBuilder(text.length() + 16).append(text, 0, i);
			}
			if (out != null) {
				out.append((escaped != null) ? escaped : String.valueOf(c));
			}
		}
		return (out != null) ? out.toString() : text;
	}

	/** The line with every control character escaped but its colour sequences kept. */
	static String escapeKeepingColours(String line) {
		var matcher = SGR.matcher(line);
		var out = new StringBuilder(line.length());
		int from = 0;
		while (matcher.find()) {
			out.append(escape(line.substring(from, matcher.start()))).append(matcher.group());
			from = matcher.end();
		}
		return out.append(escape(line.substring(from))).toString();
	}

	private static @Nullable String escape(char c) {
		if (c == '\t') {
			return null;
		}
		if (c < 0x20) {
			return "^" + (char) (c + 0x40);
		}
		if (c == 0x7F) {
			return "^?";
		}
		if ((c >= 0x80 && c <= 0x9F) || isHiding(c)) {
			return String.format("<U+%04X>", (int) c);
		}
		return null;
	}

	/**
	 * Bidirectional overrides, embeddings and isolates; zero-width and other invisible
	 * formats.
	 */
	private static boolean isHiding(char c) {
		return (c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)
				|| c == 0x061C || c == 0xFEFF || c == 0x2028 || c == 0x2029;
	}

}
