package dev.p2pchat.bench.crypto;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

import javax.crypto.KeyAgreement;

/**
 * A one-use X25519 key pair of one handshake.
 */
final class Ephemeral {

	private static final byte[] X509_PREFIX = { 0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x6e, 0x03, 0x21,
			0x00 };

	static final int LENGTH = 32;

	private final KeyPair pair;

	private final byte[] raw;

	Ephemeral() {
		try {
			this.pair = KeyPairGenerator.getInstance("X25519").generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
		byte[] encoded = this.pair.getPublic().getEncoded();
		this.raw = Arrays.copyOfRange(encoded, encoded.length - LENGTH, encoded.length);
	}

	/** The raw 32-byte public key. */
	byte[] publicKey() {
		return this.raw;
	}

	/**
	 * The shared secret with the other side's raw public key.
	 * @throws SealException when it is not a usable X25519 key (e.g. of small order)
	 */
	byte[] agree(byte[] otherRaw) throws SealException {
		try {
			byte[] encoded = Arrays.copyOf(X509_PREFIX, X509_PREFIX.length + LENGTH);
			System.arraycopy(otherRaw, 0, encoded, X509_PREFIX.length, LENGTH);
			PublicKey other = KeyFactory.getInstance("X25519").generatePublic(new X509EncodedKeySpec(encoded));
			var agreement = KeyAgreement.getInstance("X25519");
			agreement.init(this.pair.getPrivate());
			agreement.doPhase(other, true);
			byte[] secret = agreement.generateSecret();
			if (isZero(secret)) {
				throw new SealException("ephemeral key of small order");
			}
			return secret;
		}
		catch (GeneralSecurityException | RuntimeException ex) {
			throw new SealException("not a usable ephemeral key");
		}
	}

	private static boolean isZero(byte[] bytes) {
		int bits = 0;
		for (byte b : bytes) {
			bits |= b;
		}
		return bits == 0;
	}

}
