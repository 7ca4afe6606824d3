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
	CATCH_UP(0x06),
	/** Asks a relay for a circuit, or the relay asks the other end. */
	CIRCUIT_OPEN(0x10),
	/** The circuit is open end to end. */
	CIRCUIT_ACCEPT(0x11),
	/** The circuit was not opened, with the reason. */
	CIRCUIT_REFUSE(0x12),
	/** One message of the end-to-end link through a circuit. */
	CIRCUIT_DATA(0x13),
	/** The circuit closed, with the reason. */
	CIRCUIT_CLOSE(0x14),
	/** Asks the receiver to dial the speaker back. */
	DIAL_BACK(0x15);

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
