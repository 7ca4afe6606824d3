package dev.p2pchat.link.identity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;

/**
 * A peer's Ed25519 identity: its key pair. The private key never leaves this class except
 * as the PKCS#8 bytes its owner keeps (the peer keeps them in its data directory).
 * Thread-safe.
 */
public final class Identity {

	private final PrivateKey privateKey;

	private final PublicIdentity publicIdentity;

	/** The RFC 8032 seed, for the faster signer ({@link #signFast}). */
	private final byte[] seed;

	private Identity(KeyPair pair) {
		this.privateKey = pair.getPrivate();
		this.publicIdentity = PublicIdentity.of(pair.getPublic());
		this.seed = ((EdECPrivateKey) this.privateKey).getBytes()
			.orElseThrow(() -> new IllegalStateException("an Ed25519 key without its bytes"));
	}

	/** A fresh identity. */
	public static Identity generate() {
		try {
			return new Identity(KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The identity of a private key in its PKCS#8 form (as {@link #pkcs8()} gives it).
	 * @throws GeneralSecurityException when the bytes hold no Ed25519 private key
	 */
	public static Identity fromPkcs8(byte[] pkcs8) throws GeneralSecurityException {
		try {
			PrivateKey key = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
			return fromSeed(((EdECPrivateKey) key).getBytes()
				.orElseThrow(() -> new InvalidKeyException("private key without its bytes")));
		}
		catch (IllegalArgumentException | ClassCastException ex) {
			throw new InvalidKeyException("not an Ed25519 private key", ex);
		}
	}

	/**
	 * The identity of a 32-byte Ed25519 private seed (RFC 8032). The JDK's PKCS#8 form of
	 * an Ed25519 key holds the seed only, and the JDK has no call that derives the public
	 * key from it: a generator fed the seed as its randomness makes the same pair.
	 */
	public static Identity fromSeed(byte[] seed) {
		if (seed.length != 32) {
			throw new IllegalArgumentException("an Ed25519 seed has 32 bytes, not " + seed.length);
		}
		byte[] copy = seed.clone();
		try {
			var generator = KeyPairGenerator.getInstance("Ed25519");
			generator.initialize(NamedParameterSpec.ED25519, new SecureRandom() {
				@Override
				public void nextBytes(byte[] bytes) {
					System.arraycopy(copy, 0, bytes, 0, Math.min(copy.length, bytes.length));
				}
			});
			return new Identity(generator.generateKeyPair());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The private key in PKCS#8, to be kept where only its owner can read it. */
	public byte[] pkcs8() {
		return this.privateKey.getEncoded();
	}

	public String peerId() {
		return this.publicIdentity.peerId();
	}

	public PublicIdentity publicIdentity() {
		return this.publicIdentity;
	}

	/** The Ed25519 signature of {@code data}. */
	public byte[] sign(byte[] data) {
		try {
			Signature signer = Signature.getInstance("Ed25519");
			signer.initSign(this.privateKey);
			signer.update(data);
			return signer.sign();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The same Ed25519 signature as {@link #sign} (RFC 8032 signatures are
	 * deterministic), made by Bouncy Castle's implementation, which measured several
	 * times faster than the JDK's: for message signatures (ADR 0006).
	 */
	public byte[] signFast(byte[] data) {
		byte[] signature = new byte[PublicIdentity.SIGNATURE_LENGTH];
		org.bouncycastle.math.ec.rfc8032.Ed25519.sign(this.seed, 0, this.publicIdentity.rawView(), 0, data, 0,
				data.length, signature, 0);
		return signature;
	}

	/** The signature of the UTF-8 bytes of {@code text}, base64url without padding. */
	public String signText(String text) {
		return Base64Url.encode(sign(text.getBytes(StandardCharsets.UTF_8)));
	}

	@Override
	public String toString() {
		return "identity " + peerId();
	}

}
