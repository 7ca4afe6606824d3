package dev.p2pchat.link.identity;

import java.nio.charset.StandardCharsets;

/**
 * The text a peer signs to register with the tracker (SPEC, <em>Identity and trust</em>):
 * the UTF-8 of {@code p2pchat-register-v1\n<peerId>\n<username>\n<url>\n<timestamp>}.
 */
public final class RegistrationText {

	/** The first line of the signed text; a new version gets a new line. */
	public static final String CONTEXT = "p2pchat-register-v1";

	private RegistrationText() {
	}

	/** The signed text of these fields, exactly as sent. */
	public static String of(String peerId, String username, String url, String timestamp) {
		return String.join("\n", CONTEXT, peerId, username, url, timestamp);
	}

	/** The signed bytes: UTF-8 of {@link #of}. */
	public static byte[] bytes(String peerId, String username, String url, String timestamp) {
		return of(peerId, username, url, timestamp).getBytes(StandardCharsets.UTF_8);
	}

}
