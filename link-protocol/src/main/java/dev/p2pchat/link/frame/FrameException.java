package dev.p2pchat.link.frame;

/**
 * A frame (or a message record in it) could not be read: the reason says what was wrong,
 * never echoing the input.
 */
public final class FrameException extends Exception {

	private final boolean unknownType;

	FrameException(String reason, boolean unknownType) {
		super(reason, null, false, false);
		this.unknownType = unknownType;
	}

	static FrameException malformed(String reason) {
		return new FrameException(reason, false);
	}

	/** True when the frame's type byte is unknown, false when its body is malformed. */
	public boolean unknownType() {
		return this.unknownType;
	}

}
