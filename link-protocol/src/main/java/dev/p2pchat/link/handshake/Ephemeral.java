package dev.p2pchat.link.handshake;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.security.spec.XECPrivateKeySpec;
import java.util.Arrays;

import javax.crypto.KeyAgreement;

/**
 * A one-use X25519 key pair of one handshake.
 */
final class Ephemeral {

	static final int LENGTH = 32;

	private static final byte[] X509_PREFIX = { 0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x6e, 0x03, 0x21,
			0x00 };

	/** The X25519 base point, u = 9 (RFC 7748 §4.1), raw. */
	private static final byte[] BASE_POINT = new byte[LENGTH];

	static {
		BASE_POINT[0] = 9;
	}

	private final PrivateKey privateKey;

	private final byte[] raw;

	private Ephemeral(PrivateKey privateKey, byte[] raw) {
		this.privateKey = privateKey;
		this.raw = raw;
	}

	/** A fresh key pair. */
	static Ephemeral generate() {
		try {
			KeyPair pair = KeyPairGenerator.getInstance("X25519").generateKeyPair();
			byte[] encoded = pair.getPublic().getEncoded();
			return new Ephemeral(pair.getPrivate(),
					Arrays.copyOfRange(encoded, encoded.length - LENGTH, encoded.length));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The key pair of a fixed 32-byte private scalar (known-answer tests): its public key
	 * is X25519(scalar, 9).
	 */
	static Ephemeral of(byte[] scalar) {
		try {
			PrivateKey key = KeyFactory.getInstance("X25519")
				.generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, scalar.clone()));
			return new Ephemeral(key, agreement(key, BASE_POINT));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
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
			byte[] secret = agreement(this.privateKey, otherRaw);
			if (isZero(secret)) {
				throw new SealException("ephemeral key of small order");
			}
			return secret;
		}
		catch (GeneralSecurityException | RuntimeException ex) {
			throw new SealException("not a usable ephemeral key");
		}
	}

	private static byte[] agreement(PrivateKey key, byte[] otherRaw) throws GeneralSecurityException {
		byte[] encoded = Arrays.copyOf(X509_PREFIX, X509_PREFIX.length + LENGTH);
		System.arraycopy(otherRaw, 0, encoded, X509_PREFIX.length, LENGTH);
		PublicKey other = KeyFactory.getInstance("X25519").generatePublic(new X509EncodedKeySpec(encoded));
		var agreement = KeyAgreement.getInstance("X25519");
		agreement.init(key);
		agreement.doPhase(other, true);
		return agreement.generateSecret();
	}

	private static boolean isZero(byte[] bytes) {
		int bits = 0;
		for (byte b : bytes) {
			bits |= b;
		}
		return bits == 0;
	}

}
