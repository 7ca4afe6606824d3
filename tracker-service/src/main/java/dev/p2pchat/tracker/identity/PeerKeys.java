package dev.p2pchat.tracker.identity;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The fixed encodings of SPEC's <em>Identity and trust</em>, with the JDK's Ed25519: a
 * {@code publicKey} is the raw 32-byte key in base64url without padding, a {@code peerId}
 * is SHA-256 of those bytes in lowercase RFC 4648 base32 without padding, and a signature
 * is 64 bytes in base64url without padding.
 *
 * <p>
 * Decoding is strict: only the canonical text of the bytes is accepted, so that one key
 * or one signature has exactly one spelling (the replay cache relies on it).
 */
public final class PeerKeys {

	/** Length of a raw Ed25519 public key. */
	public static final int KEY_BYTES = 32;

	/** Length of an Ed25519 signature. */
	public static final int SIGNATURE_BYTES = 64;

	/**
	 * The DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410): the raw key follows
	 * it.
	 */
	private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

	private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]+");

	private static final String BASE32 = "abcdefghijklmnopqrstuvwxyz234567";

	private PeerKeys() {
	}

	/**
	 * Decodes canonical unpadded base64url of exactly {@code length} bytes.
	 * @param text the text
	 * @param length the number of bytes it must hold
	 * @return the bytes, or {@code null} when the text is not exactly that
	 */
	public static byte @Nullable [] decode(String text, int length) {
		if (text.length() != (length * 4 + 2) / 3 || !BASE64URL.matcher(text).matches()) {
			return null;
		}
		byte[] bytes = Base64.getUrlDecoder().decode(text);
		// the decoder ignores non-zero bits in the last character; a canonical text has
		// none
		return (bytes.length == length && encode(bytes).equals(text)) ? bytes : null;
	}

	/**
	 * Base64url without padding.
	 * @param bytes the bytes
	 * @return their text
	 */
	public static String encode(byte[] bytes) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/**
	 * The peerId of a raw public key.
	 * @param rawKey the 32 bytes of the key
	 * @return 52 characters of lowercase base32
	 */
	public static String peerIdOf(byte[] rawKey) {
		try {
			return base32(MessageDigest.getInstance("SHA-256").digest(rawKey));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
		}
	}

	/**
	 * Whether a signature by a raw public key over a message is valid.
	 * @param rawKey the 32 bytes of the key
	 * @param message the signed bytes
	 * @param signature the 64 bytes of the signature
	 * @return {@code true} only for a valid signature by a valid key
	 */
	public static boolean verify(byte[] rawKey, byte[] message, byte[] signature) {
		try {
			Signature verifier = Signature.getInstance("Ed25519");
			verifier.initVerify(publicKey(rawKey));
			verifier.update(message);
			return verifier.verify(signature);
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			// a point that is not on the curve, or a signature that cannot be one
			return false;
		}
	}

	private static PublicKey publicKey(byte[] rawKey) throws GeneralSecurityException {
		byte[] encoded = new byte[X509_PREFIX.length + rawKey.length];
		System.arraycopy(X509_PREFIX, 0, encoded, 0, X509_PREFIX.length);
		System.arraycopy(rawKey, 0, encoded, X509_PREFIX.length, rawKey.length);
		return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded));
	}

	static String base32(byte[] bytes) {
		StringBuilder out = new StringBuilder((bytes.length * 8 + 4) / 5);
		int buffer = 0;
		int bits = 0;
		for (byte b : bytes) {
			buffer = (buffer << 8) | (b & 0xff);
			bits += 8;
			while (bits >= 5) {
				out.append(BASE32.charAt((buffer >> (bits - 5)) & 31));
				bits -= 5;
			}
		}
		if (bits > 0) {
			out.append(BASE32.charAt((buffer << (5 - bits)) & 31));
		}
		return out.toString();
	}

}
