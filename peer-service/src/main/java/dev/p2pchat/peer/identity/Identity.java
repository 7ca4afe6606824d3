package dev.p2pchat.peer.identity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

import lombok.extern.slf4j.Slf4j;

import dev.p2pchat.peer.config.DataDirectory;

/**
 * This peer's Ed25519 identity: made at its first start and kept in the data directory
 * ({@value #FILE}, PKCS#8, readable by the owner only), loaded from there on every later
 * start, so that the same directory is the same peer. The private key never leaves this
 * class. Thread-safe.
 */
@Slf4j
public final class Identity {

	/** The key's file in the data directory. */
	public static final String FILE = "identity.key";

	private final PrivateKey privateKey;

	private final PublicIdentity publicIdentity;

	private Identity(KeyPair pair) {
		this.privateKey = pair.getPrivate();
		this.publicIdentity = PublicIdentity.of(pair.getPublic());
	}

	/**
	 * Loads the identity kept in the directory, or makes and keeps a new one.
	 * @throws IllegalStateException when the file exists but holds no Ed25519 key
	 */
	public static Identity load(DataDirectory directory) {
		var stored = directory.read(FILE);
		if (stored.isPresent()) {
			return new Identity(decode(stored.get(), directory));
		}
		var identity = generate();
		directory.writeOwnerOnly(FILE, identity.privateKey.getEncoded());
		log.info("made a new identity key in {} (peerId {})", directory.resolve(FILE), identity.peerId());
		return identity;
	}

	/** A fresh identity that is kept nowhere (tests, tools). */
	public static Identity generate() {
		try {
			return new Identity(KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static KeyPair decode(byte[] pkcs8, DataDirectory directory) {
		try {
			var factory = KeyFactory.getInstance("Ed25519");
			PrivateKey key = factory.generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
			return new KeyPair(publicKeyOf(key), key);
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			throw new IllegalStateException(directory.resolve(FILE) + " holds no Ed25519 private key ("
					+ ex.getClass().getSimpleName() + "); restore it from a backup or remove it to start as a new peer",
					ex);
		}
	}

	/**
	 * The JDK's PKCS#8 form of an Ed25519 key holds the private seed only, and the JDK
	 * has no call that derives the public key from it: a generator fed the seed as its
	 * randomness makes the same pair.
	 */
	private static PublicKey publicKeyOf(PrivateKey key) throws GeneralSecurityException {
		byte[] seed = ((EdECPrivateKey) key).getBytes()
			.orElseThrow(() -> new InvalidKeyException("private key without its bytes"));
		var generator = KeyPairGenerator.getInstance("Ed25519");
		generator.initialize(NamedParameterSpec.ED25519, new SecureRandom() {
			@Override
			public void nextBytes(byte[] bytes) {
				System.arraycopy(seed, 0, bytes, 0, Math.min(seed.length, bytes.length));
			}
		});
		return generator.generateKeyPair().getPublic();
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

	/** The signature of the UTF-8 bytes of {@code text}, base64url without padding. */
	public String signText(String text) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(sign(text.getBytes(StandardCharsets.UTF_8)));
	}

	@Override
	public String toString() {
		return "identity " + peerId();
	}

}
