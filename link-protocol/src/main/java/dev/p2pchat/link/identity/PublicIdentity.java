package dev.p2pchat.link.identity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.jspecify.annotations.Nullable;

/**
 * A peer's public identity: its raw 32-byte Ed25519 public key and the peerId derived
 * from it (SHA-256 of the key in lower-case base32 without padding, 52 characters).
 * Anyone can check a signature with it; nobody can pick a key for a given peerId.
 * Non-canonical encodings, points off the curve and small-order points are refused
 * (tracker registrations and handshakes alike). Immutable.
 */
public final class PublicIdentity {

	/** DER prefix of an X.509 SubjectPublicKeyInfo holding a raw Ed25519 key. */
	private static final byte[] X509_PREFIX = { 0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21,
			0x00 };

	/** Length of a raw Ed25519 public key. */
	public static final int KEY_LENGTH = 32;

	/** Length of an Ed25519 signature. */
	public static final int SIGNATURE_LENGTH = 64;

	private final byte[] raw;

	private final PublicKey key;

	private final String peerId;

	/** The decoded point for the faster verifier, made on first use. */
	private volatile Ed25519.@Nullable PublicPoint point;

	private PublicIdentity(byte[] raw, PublicKey key) {
		this.raw = raw;
		this.key = key;
		this.peerId = PeerId.of(raw);
	}

	/**
	 * The identity of a raw public key.
	 * @throws IllegalArgumentException when it is not a 32-byte Ed25519 public key in its
	 * canonical encoding, or is of small order
	 */
	public static PublicIdentity of(byte[] raw) {
		if (raw.length != KEY_LENGTH) {
			throw new IllegalArgumentException("an Ed25519 public key has 32 bytes, not " + raw.length);
		}
		Ed25519Point.check(raw);
		byte[] encoded = Arrays.copyOf(X509_PREFIX, X509_PREFIX.length + KEY_LENGTH);
		System.arraycopy(raw, 0, encoded, X509_PREFIX.length, KEY_LENGTH);
		try {
			PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded));
			return new PublicIdentity(raw.clone(), key);
		}
		catch (InvalidKeySpecException ex) {
			throw new IllegalArgumentException("not an Ed25519 public key", ex);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The identity of a key in its wire form (canonical base64url without padding, 43
	 * characters).
	 * @throws IllegalArgumentException when it is not one
	 */
	public static PublicIdentity parse(String base64url) {
		byte[] raw = Base64Url.decode(base64url, KEY_LENGTH);
		if (raw == null) {
			throw new IllegalArgumentException(
					"an Ed25519 public key is 32 bytes in canonical base64url (43 characters)");
		}
		return of(raw);
	}

	/** The identity of a key this JVM made (no checks needed). */
	static PublicIdentity of(PublicKey key) {
		byte[] encoded = key.getEncoded();
		return new PublicIdentity(Arrays.copyOfRange(encoded, encoded.length - KEY_LENGTH, encoded.length), key);
	}

	public String peerId() {
		return this.peerId;
	}

	/** The raw 32-byte key. */
	public byte[] raw() {
		return this.raw.clone();
	}

	/** The raw key itself, for this package's signer: never handed out. */
	byte[] rawView() {
		return this.raw;
	}

	/** The key in its wire form: base64url without padding. */
	public String encoded() {
		return Base64Url.encode(this.raw);
	}

	/** Whether {@code signature} is this key's Ed25519 signature of {@code data}. */
	public boolean verifies(byte[] data, byte[] signature) {
		try {
			Signature verifier = Signature.getInstance("Ed25519");
			verifier.initVerify(this.key);
			verifier.update(data);
			return verifier.verify(signature);
		}
		catch (SignatureException | InvalidKeyException ex) {
			return false;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Whether {@code signature} is this key's Ed25519 signature of {@code data}, checked
	 * by Bouncy Castle's implementation (the same verdict as
	 * {@link #verifies(byte[], byte[])}, measured several times faster; ADR 0006). The
	 * key's point is decoded once.
	 */
	public boolean verifiesFast(byte[] data, byte[] signature) {
		if (signature.length != SIGNATURE_LENGTH) {
			return false;
		}
		Ed25519.PublicPoint decoded = this.point;
		if (decoded == null) {
			decoded = Ed25519.validatePublicKeyFullExport(this.raw, 0);
			if (decoded == null) {
				return false;
			}
			this.point = decoded;
		}
		return Ed25519.verify(signature, 0, decoded, data, 0, data.length);
	}

	/** Whether {@code signature} is this key's signature of the UTF-8 of {@code text}. */
	public boolean verifies(String text, byte[] signature) {
		return verifies(text.getBytes(StandardCharsets.UTF_8), signature);
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof PublicIdentity that && MessageDigest.isEqual(this.raw, that.raw);
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(this.raw);
	}

	@Override
	public String toString() {
		return this.peerId;
	}

}
