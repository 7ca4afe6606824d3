package dev.p2pchat.bench.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Small helpers over the JDK's primitives.
 */
final class Crypto {

	private Crypto() {
	}

	static byte[] sha256(byte[] data) {
		return sha256().digest(data);
	}

	static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
