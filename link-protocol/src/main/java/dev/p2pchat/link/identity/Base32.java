package dev.p2pchat.link.identity;

/**
 * RFC 4648 base32, lower case, without padding: the alphabet of peerIds.
 */
public final class Base32 {

	private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

	private Base32() {
	}

	/** The lower-case, unpadded base32 text of {@code bytes}. */
	public static String encode(byte[] bytes) {
		var text = new StringBuilder((bytes.length * 8 + 4) / 5);
		int buffer = 0;
		int bits = 0;
		for (byte b : bytes) {
			buffer = (buffer << 8) | (b & 0xff);
			bits += 8;
			while (bits >= 5) {
				text.append(ALPHABET[(buffer >>> (bits - 5)) & 31]);
				bits -= 5;
			}
		}
		if (bits > 0) {
			text.append(ALPHABET[(buffer << (5 - bits)) & 31]);
		}
		return text.toString();
	}

}
