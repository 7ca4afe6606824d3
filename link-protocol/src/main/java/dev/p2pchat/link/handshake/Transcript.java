package dev.p2pchat.link.handshake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import dev.p2pchat.link.identity.Sha256;

/**
 * A running SHA-256 over length-prefixed parts (4-byte big-endian length, then the
 * bytes), so that no two different sequences of parts hash alike. Not thread-safe.
 */
final class Transcript {

	private final MessageDigest digest = Sha256.newDigest();

	Transcript add(byte[] part) {
		int length = part.length;
		this.digest.update(
				new byte[] { (byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length });
		this.digest.update(part);
		return this;
	}

	Transcript add(String part) {
		return add(part.getBytes(StandardCharsets.UTF_8));
	}

	/** The hash of the parts so far; more parts may follow. */
	byte[] hash() {
		try {
			return ((MessageDigest) this.digest.clone()).digest();
		}
		catch (CloneNotSupportedException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
