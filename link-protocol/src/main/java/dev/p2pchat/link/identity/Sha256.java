package dev.p2pchat.link.identity;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 from the JDK, which every JVM has.
 */
public final class Sha256 {

	private Sha256() {
	}

	/** The SHA-256 of {@code data}. */
	public static byte[] digest(byte[] data) {
		return newDigest().digest(data);
	}

	/** A fresh SHA-256 digest, for hashing in parts. */
	public static MessageDigest newDigest() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
		}
	}

}
