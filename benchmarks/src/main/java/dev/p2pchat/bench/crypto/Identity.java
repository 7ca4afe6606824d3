package dev.p2pchat.bench.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;

/**
 * A simulated peer's Ed25519 identity (a copy of the peer's {@code Identity} without its
 * storage: the benchmarks do not depend on peer-service's classes).
 */
public final class Identity {

	private final PrivateKey privateKey;

	private final PublicIdentity publicIdentity;

	private Identity(KeyPair pair) {
		this.privateKey = pair.getPrivate();
		this.publicIdentity = PublicIdentity.of(pair.getPublic());
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
