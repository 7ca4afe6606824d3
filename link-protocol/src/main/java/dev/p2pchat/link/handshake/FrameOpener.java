package dev.p2pchat.link.handshake;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;

/**
 * Opens the frames of one direction of one link, expecting counter nonces 0, 1, 2, ... in
 * order. After a frame fails to open the opener refuses everything: the link must be
 * closed. Not thread-safe: one link's frames are read one at a time.
 */
public final class FrameOpener {

	private final Cipher cipher;

	private final SecretKey key;

	private long counter;

	private boolean broken;

	FrameOpener(SecretKey key) {
		this.key = key;
		this.cipher = Aead.cipher();
	}

	/**
	 * The plain content of the next sealed frame.
	 * @throws SealException when it is not the next frame sealed with this link's key
	 * (altered, replayed, reordered, injected, truncated)
	 */
	public byte[] open(ByteBuffer sealed) throws SealException {
		if (this.broken) {
			throw new SealException("link already failed");
		}
		if (sealed.remaining() < Aead.TAG_LENGTH) {
			this.broken = true;
			throw new SealException("sealed frame too short");
		}
		try {
			Aead.init(this.cipher, Cipher.DECRYPT_MODE, this.key, this.counter);
			byte[] plain = new byte[sealed.remaining() - Aead.TAG_LENGTH];
			this.cipher.doFinal(sealed, ByteBuffer.wrap(plain));
			this.counter++;
			return plain;
		}
		catch (GeneralSecurityException | IllegalStateException ex) {
			this.broken = true;
			throw new SealException("frame failed authentication (altered, replayed, reordered or injected)");
		}
	}

}
