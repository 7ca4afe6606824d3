package dev.p2pchat.link.identity;

/**
 * The peerId rule: SHA-256 of the raw 32-byte Ed25519 public key, in lower-case RFC 4648
 * base32 without padding (52 characters). Self-certifying: nobody can pick a key for a
 * given peerId.
 */
public final class PeerId {

	/** Length of every peerId. */
	public static final int LENGTH = 52;

	private PeerId() {
	}

	/** The peerId of a raw public key. */
	public static String of(byte[] rawKey) {
		return Base32.encode(Sha256.digest(rawKey));
	}

}
