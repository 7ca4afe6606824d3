package dev.p2pchat.bench.work;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

/**
 * A fresh Ed25519 identity as the tracker's registration needs it (docs/api.md): the raw
 * public key in base64url, the peerId derived from it, and the signed registration body.
 *
 * @param keyPair the key pair
 * @param publicKey the raw 32-byte public key, base64url without padding
 * @param peerId lowercase base32 (no padding) of SHA-256 of the raw key
 */
record RegistrationSigner(KeyPair keyPair, String publicKey, String peerId) {

	private static final String BASE32 = "abcdefghijklmnopqrstuvwxyz234567";

	static RegistrationSigner generate() {
		try {
			KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
			byte[] encoded = pair.getPublic().getEncoded();
			// X.509 SubjectPublicKeyInfo: a 12-byte prefix, then the raw key
			byte[] raw = Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
			String peerId = base32(MessageDigest.getInstance("SHA-256").digest(raw));
			return new RegistrationSigner(pair, Base64.getUrlEncoder().withoutPadding().encodeToString(raw), peerId);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Ed25519 is missing from this JVM", ex);
		}
	}

	/** The JSON body of {@code POST /peers}, signed at {@code now}. */
	String body(String username, String url, Instant now) {
		String timestamp = now.toString();
		String message = String.join("\n", "p2pchat-register-v1", this.peerId, username, url, timestamp);
		return "{\"peerId\":\"" + this.peerId + "\",\"username\":\"" + username + "\",\"url\":\"" + url
				+ "\",\"publicKey\":\"" + this.publicKey + "\",\"timestamp\":\"" + timestamp + "\",\"signature\":\""
				+ sign(message) + "\"}";
	}

	private String sign(String message) {
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

	private static String base32(byte[] bytes) {
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
		return out.toString();
	}

}
