package dev.p2pchat.tracker;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.p2pchat.link.identity.PeerId;
import dev.p2pchat.link.identity.RegistrationText;

/**
 * A peer's identity as SPEC fixes it: an Ed25519 key pair from the JDK, the peerId
 * derived from it and the signed registration text (both by the link-protocol module,
 * whose own tests pin them to fixed vectors), and the signed registration body.
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

	/** A fresh identity. */
	public static TestIdentity generate() {
		try {
			KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
			// the X.509 encoding of an Ed25519 key is a 12-byte prefix and the raw 32
			// bytes
			byte[] encoded = pair.getPublic().getEncoded();
			byte[] raw = Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
			String peerId = PeerId.of(raw);
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
		return RegistrationText.of(peerId, username, url, timestamp);
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

}
