package dev.p2pchat.peer.console;

import java.util.Locale;

import dev.p2pchat.peer.console.ConsoleCommand.Broadcast;
import dev.p2pchat.peer.console.ConsoleCommand.Empty;
import dev.p2pchat.peer.console.ConsoleCommand.Help;
import dev.p2pchat.peer.console.ConsoleCommand.Invalid;
import dev.p2pchat.peer.console.ConsoleCommand.ListPeers;
import dev.p2pchat.peer.console.ConsoleCommand.Private;
import dev.p2pchat.peer.console.ConsoleCommand.Quit;
import dev.p2pchat.peer.console.ConsoleCommand.Rename;
import dev.p2pchat.peer.console.ConsoleCommand.RenamePrompt;
import dev.p2pchat.peer.console.ConsoleCommand.Trust;

/**
 * Parses one terminal line into a {@link ConsoleCommand}, honouring the original
 * program's commands: a plain line broadcasts, {@code msg <username> <text>} (either part
 * may be quoted with {@code '} or {@code "}) sends privately, {@code rename [name]}
 * renames, {@code trust <username>} accepts a name's new key, plus {@code peers},
 * {@code help} and {@code quit}. {@code trust} is a command only when one word follows it
 * (any other line starting with it is a broadcast). Command words are case-insensitive.
 * Pure and stateless.
 */
final class CommandParser {

	static final String MSG_USAGE = "usage: msg <username> <text>   (e.g. msg bob hi, or msg 'bob' 'hello there')";

	private CommandParser() {
	}

	static ConsoleCommand parse(String line) {
		String trimmed = line.strip();
		if (trimmed.isEmpty()) {
			return new Empty();
		}
		String[] head = trimmed.split("\\s+", 2);
		String word = head[0].toLowerCase(Locale.ROOT);
		String rest = (head.length > 1) ? head[1].strip() : "";
		if (word.equals("msg")) {
			return parsePrivate(rest);
		}
		if (word.equals("rename")) {
			return rest.isEmpty() ? new RenamePrompt() : new Rename(unquote(rest));
		}
		if (word.equals("trust") && !rest.isEmpty() && rest.split("\\s+").length == 1) {
			return new Trust(unquote(rest));
		}
		if (rest.isEmpty()) {
			switch (word) {
				case "peers":
					return new ListPeers();
				case "help":
					return new Help();
				case "quit", "exit":
					return new Quit();
				default:
					break;
			}
		}
		return new Broadcast(trimmed);
	}

	/**
	 * The username typed on the line after a bare {@code rename}, without surrounding
	 * quotes.
	 */
	static String username(String line) {
		return unquote(line.strip());
	}

	private static ConsoleCommand parsePrivate(String rest) {
		if (rest.isEmpty()) {
			return new Invalid(MSG_USAGE);
		}
		String to;
		String remainder;
		char first = rest.charAt(0);
		if (isQuote(first)) {
			int close = rest.indexOf(first, 1);
			if (close < 0) {
				return new Invalid(MSG_USAGE);
			}
			to = rest.substring(1, close);
			remainder = rest.substring(close + 1);
		}
		else {
			String[] parts = rest.split("\\s+", 2);
			to = parts[0];
			remainder = (parts.length > 1) ? parts[1] : "";
		}
		String text = unquote(remainder.strip());
		if (to.isBlank() || text.isEmpty()) {
			return new Invalid(MSG_USAGE);
		}
		return new Private(to.strip(), text);
	}

	/**
	 * Strips one pair of matching quotes around the whole value, unless the value is
	 * several quoted parts ({@code 'a' and 'b'}); an apostrophe inside a word
	 * ({@code 'it's'}) does not count as a quote.
	 */
	private static String unquote(String value) {
		if (value.length() < 2 || !isQuote(value.charAt(0)) || value.charAt(value.length() - 1) != value.charAt(0)) {
			return value;
		}
		String inner = value.substring(1, value.length() - 1);
		char quote = value.charAt(0);
		for (int i = inner.indexOf(quote); i >= 0; i = inner.indexOf(quote, i + 1)) {
			boolean wordBefore = i > 0 && !Character.isWhitespace(inner.charAt(i - 1));
			boolean wordAfter = i < inner.length() - 1 && !Character.isWhitespace(inner.charAt(i + 1));
			if (!(wordBefore && wordAfter)) {
				return value;
			}
		}
		return inner;
	}

	private static boolean isQuote(char c) {
		return c == '\'' || c == '"';
	}

}
