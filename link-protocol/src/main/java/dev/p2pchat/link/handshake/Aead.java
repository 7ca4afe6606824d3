package dev.p2pchat.link.handshake;

import java.security.GeneralSecurityException;
import java.security.spec.AlgorithmParameterSpec;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AEAD that seals links: AES-256-GCM with a 96-bit nonce of four zero bytes and a
 * 64-bit big-endian counter, 128-bit tag. (ChaCha20-Poly1305 was measured too; on x86
 * with AES-NI and CLMUL the JDK's GCM is several times faster — see
 * docs/decisions/0003-authenticated-encrypted-links.md.)
 */
final class Aead {

	static final int TAG_LENGTH = 16;

	static final int KEY_LENGTH = 32;

	private static final String TRANSFORMATION = "AES/GCM/NoPadding";

	private Aead() {
	}

	static SecretKey key(byte[] bytes, int offset) {
		return new SecretKeySpec(bytes, offset, KEY_LENGTH, "AES");
	}

	static Cipher cipher() {
		try {
			return Cipher.getInstance(TRANSFORMATION);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static void init(Cipher cipher, int mode, SecretKey key, long counter) throws GeneralSecurityException {
		cipher.init(mode, key, nonce(counter));
	}

	private static AlgorithmParameterSpec nonce(long counter) {
		byte[] nonce = new byte[12];
		for (int i = 0; i < 8; i++) {
			nonce[4 + i] = (byte) (counter >>> (56 - 8 * i));
		}
		return new GCMParameterSpec(TAG_LENGTH * 8, nonce);
	}

	/** One-shot seal with associated data (handshake messages). */
	static byte[] seal(SecretKey key, byte[] associated, byte[] plain) {
		try {
			Cipher cipher = cipher();
			init(cipher, Cipher.ENCRYPT_MODE, key, 0);
			cipher.updateAAD(associated);
			return cipher.doFinal(plain);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("sealing failed", ex);
		}
	}

	/** One-shot open with associated data (handshake messages). */
	static byte[] open(SecretKey key, byte[] associated, byte[] sealed, int offset) throws SealException {
		try {
			Cipher cipher = cipher();
			init(cipher, Cipher.DECRYPT_MODE, key, 0);
			cipher.updateAAD(associated);
			return cipher.doFinal(sealed, offset, sealed.length - offset);
		}
		catch (GeneralSecurityException ex) {
			throw new SealException("handshake message failed authentication");
		}
	}

}
