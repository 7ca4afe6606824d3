package dev.p2pchat.tracker.registry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Makes lease tokens and checks them. A token is 32 bytes from {@link SecureRandom},
 * base64url without padding; only its SHA-256 hash is kept, and hashes are compared in
 * constant time.
 */
final class LeaseTokens {

	private static final int TOKEN_BYTES = 32;

	private final SecureRandom random;

	LeaseTokens(SecureRandom random) {
		this.random = random;
	}

	String newToken() {
		byte[] bytes = new byte[TOKEN_BYTES];
		this.random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	static byte[] hash(String token) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
		}
	}

	static boolean matches(String candidate, byte[] expectedHash) {
		return MessageDigest.isEqual(hash(candidate), expectedHash);
	}

}
