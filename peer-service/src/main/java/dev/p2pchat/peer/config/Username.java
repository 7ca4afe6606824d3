package dev.p2pchat.peer.config;

import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The one username rule of this peer (SPEC): 1–32 characters of ASCII letters, digits,
 * {@code _}, {@code -} and {@code .}; two usernames are the same name when they are equal
 * without regard to case, and a name is shown as it was registered. Used by the
 * configuration, the REST API and the directory.
 */
public final class Username {

	/** The rule in words, for error messages. */
	public static final String RULE = "1-32 of letters, digits, '_', '-', '.'";

	private static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9_.-]{1,32}");

	/** Refusals quote at most this much of what they refuse. */
	private static final int QUOTED = 40;

	private Username() {
	}

	/** Whether {@code name} follows the rule. */
	public static boolean isValid(@Nullable String name) {
		return name != null && PATTERN.matcher(name).matches();
	}

	/**
	 * Returns {@code name} when it follows the rule.
	 * @param what names the setting or field in the message
	 * @throws IllegalArgumentException naming {@code what} and the rule, quoting at most
	 * 40 characters of the bad name
	 */
	public static String require(@Nullable String name, String what) {
		if (!isValid(name)) {
			throw new IllegalArgumentException(what + " must be " + RULE + " (got " + quote(name) + ")");
		}
		return name;
	}

	/** Whether two usernames are the same name (case-insensitive). */
	public static boolean same(String a, String b) {
		return a.equalsIgnoreCase(b);
	}

	/** The key under which a name is unique (lower case). */
	public static String key(String name) {
		return name.toLowerCase(Locale.ROOT);
	}

	private static String quote(@Nullable String name) {
		if (name == null) {
			return "nothing";
		}
		return "'" + ((name.length() > QUOTED) ? name.substring(0, QUOTED) + "…" : name) + "'";
	}

}
