package dev.p2pchat.link.handshake;

import java.security.GeneralSecurityException;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;

/**
 * Seals the frames of one direction of one link with an AEAD under that direction's key;
 * the nonce is a counter (0, 1, 2, ...) that neither side sends, so a frame replayed,
 * dropped, reordered or altered fails to open on the other side. Not thread-safe: the
 * link's single writer seals, in the order it sends.
 */
public final class FrameSealer {

	private final Cipher cipher;

	private final SecretKey key;

	private long counter;

	FrameSealer(SecretKey key) {
		this.key = key;
		this.cipher = Aead.cipher();
	}

	/** The sealed form of {@code plain}: {@code plain.length + 16} bytes. */
	public byte[] seal(byte[] plain) {
		return seal(plain, 0, plain.length);
	}

	/** The sealed form of {@code length} bytes of {@code plain} from {@code offset}. */
	public byte[] seal(byte[] plain, int offset, int length) {
		try {
			Aead.init(this.cipher, Cipher.ENCRYPT_MODE, this.key, this.counter++);
			return this.cipher.doFinal(plain, offset, length);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("sealing failed", ex);
		}
	}

}
