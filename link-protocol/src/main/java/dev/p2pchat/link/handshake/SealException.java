package dev.p2pchat.link.handshake;

/**
 * A handshake message or a sealed frame was refused: the reason says what was wrong,
 * never echoing the input.
 */
public final class SealException extends Exception {

	public SealException(String reason) {
		super(reason, null, false, false);
	}

}
