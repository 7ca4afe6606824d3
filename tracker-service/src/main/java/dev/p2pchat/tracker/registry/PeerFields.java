package dev.p2pchat.tracker.registry;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The syntax of the fields that identify a peer, shared by the registry and the web
 * layer.
 */
public final class PeerFields {

	/**
	 * A peerId: 1 to 64 of ASCII letters, digits, {@code _} and {@code -}, except
	 * {@code events}, which would be shadowed by {@code GET /peers/events}.
	 */
	public static final String PEER_ID = "(?!events$)[A-Za-z0-9_-]{1,64}";

	/**
	 * A username: 1 to 32 of ASCII letters, digits, {@code _}, {@code .} and {@code -}.
	 */
	public static final String USERNAME = "[A-Za-z0-9_.-]{1,32}";

	/** The longest accepted url, in characters. */
	public static final int MAX_URL_LENGTH = 2048;

	private static final Pattern PEER_ID_PATTERN = Pattern.compile(PEER_ID);

	private static final Pattern USERNAME_PATTERN = Pattern.compile(USERNAME);

	private PeerFields() {
	}

	public static boolean isPeerId(String candidate) {
		return PEER_ID_PATTERN.matcher(candidate).matches();
	}

	public static boolean isUsername(String candidate) {
		return USERNAME_PATTERN.matcher(candidate).matches();
	}

	/**
	 * The key under which usernames are compared: usernames are ASCII, so lower case in
	 * the root locale is an exact case-insensitive key.
	 * @param username a valid username
	 * @return its comparison key
	 */
	public static String nameKey(String username) {
		return username.toLowerCase(Locale.ROOT);
	}

}
