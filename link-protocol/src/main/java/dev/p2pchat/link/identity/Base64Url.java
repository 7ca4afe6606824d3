package dev.p2pchat.link.identity;

import java.util.Base64;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Base64url without padding (RFC 4648 §5), the text form of keys and signatures. Decoding
 * is strict: only the canonical text of the bytes is accepted, so that one key or one
 * signature has exactly one spelling (the tracker's replay cache relies on it).
 */
public final class Base64Url {

	private static final Pattern ALPHABET = Pattern.compile("[A-Za-z0-9_-]+");

	private Base64Url() {
	}

	/** The unpadded base64url text of {@code bytes}. */
	public static String encode(byte[] bytes) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/**
	 * Decodes canonical unpadded base64url of exactly {@code length} bytes.
	 * @param text the text
	 * @param length the number of bytes it must hold
	 * @return the bytes, or {@code null} when the text is not exactly that
	 */
	public static byte @Nullable [] decode(String text, int length) {
		if (text.length() != (length * 4 + 2) / 3 || !ALPHABET.matcher(text).matches()) {
			return null;
		}
		byte[] bytes = Base64.getUrlDecoder().decode(text);
		// the decoder ignores non-zero bits in the last character; a canonical text has
		// none
		return (bytes.length == length && encode(bytes).equals(text)) ? bytes : null;
	}

}
