package dev.p2pchat.tracker;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A peer's identity as SPEC fixes it, written independently of the tracker's code: an
 * Ed25519 key pair, the peerId derived from it, and the signed registration body.
 *
 * <p>
 * {@link #named} returns the same identity for the same label during one test run, so
 * tests can speak of "api-1" and get a stable, valid peerId.
 *
 * @param keyPair the key pair
 * @param publicKey the raw 32-byte public key in base64url without padding
 * @param peerId lowercase base32 of SHA-256 of the raw key, without padding
 */
public record TestIdentity(KeyPair keyPair, String publicKey, String peerId) {

	private static final Map<String, TestIdentity> NAMED = new ConcurrentHashMap<>();

	private static final String BASE32 = "abcdefghijklmnopqrstuvwxyz234567";

	/** A fresh identity. */
	public static TestIdentity generate() {
		try {
			KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
			// the X.509 encoding of an Ed25519 key is a 12-byte prefix and the raw 32
			// bytes
			byte[] encoded = pair.getPublic().getEncoded();
			byte[] raw = Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
			String peerId = base32Of(MessageDigest.getInstance("SHA-256").digest(raw));
			return new TestIdentity(pair, Base64.getUrlEncoder().withoutPadding().encodeToString(raw), peerId);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The identity a label stands for in this test run. */
	public static TestIdentity named(String label) {
		return NAMED.computeIfAbsent(label, (key) -> generate());
	}

	/** The peerId a label stands for in this test run. */
	public static String id(String label) {
		return named(label).peerId();
	}

	/** The string SPEC has a peer sign. */
	public static String message(String peerId, String username, String url, String timestamp) {
		return "p2pchat-register-v1\n" + peerId + "\n" + username + "\n" + url + "\n" + timestamp;
	}

	/** The signature of a message, base64url without padding. */
	public String sign(String message) {
		try {
			Signature signature = Signature.getInstance("Ed25519");
			signature.initSign(this.keyPair.getPrivate());
			signature.update(message.getBytes(StandardCharsets.UTF_8));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A complete, valid registration body made at {@code now}. */
	public Map<String, String> registration(String username, String url, Instant now) {
		String timestamp = now.toString();
		return Map.of("peerId", this.peerId, "username", username, "url", url, "publicKey", this.publicKey, "timestamp",
				timestamp, "signature", sign(message(this.peerId, username, url, timestamp)));
	}

	/** The same as JSON text. */
	public String registrationJson(String username, String url, Instant now) {
		return TrackerTestSupport.JSON.writeValueAsString(registration(username, url, now));
	}

	/** Lowercase RFC 4648 base32 without padding, written here independently. */
	public static String base32Of(byte[] bytes) {
		StringBuilder out = new StringBuilder();
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
		return out.toString().toLowerCase(Locale.ROOT);
	}

}
