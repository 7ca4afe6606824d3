package dev.p2pchat.link.frame;

import org.jspecify.annotations.Nullable;

/**
 * The first byte of every frame's plaintext: which frame it is. Adding a frame type is a
 * constant here, a record in {@link Frame} and its body in {@link FrameCodec}.
 */
public enum FrameType {

	/** Numbered messages of the sender's stream to this receiver. */
	BATCH(0x01),
	/** Cumulative acknowledgement of the receiver-bound stream. */
	ACK(0x02),
	/** Keep-alive from an idle sender. */
	PING(0x03),
	/** The speaker's user is typing. */
	TYPING(0x04),
	/** The newest message the speaker holds from the other peer. */
	SINCE(0x05),
	/** The speaker's own recent broadcasts the receiver missed. */
	CATCH_UP(0x06);

	private static final FrameType[] BY_CODE = new FrameType[256];

	static {
		for (FrameType type : values()) {
			BY_CODE[type.code] = type;
		}
	}

	private final int code;

	FrameType(int code) {
		this.code = code;
	}

	/** The type byte on the wire. */
	public int code() {
		return this.code;
	}

	/** The type of that byte, {@code null} for one this implementation does not know. */
	static @Nullable FrameType of(int code) {
		return BY_CODE[code & 0xFF];
	}

}
