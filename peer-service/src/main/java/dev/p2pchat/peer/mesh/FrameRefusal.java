package dev.p2pchat.peer.mesh;

import java.util.Locale;

import org.springframework.web.socket.CloseStatus;

/**
 * Why an authenticated link was closed for what it sent: a small fixed set, the tag of
 * the {@code p2pchat.links.frames.refused} counter (never the reason's text, which the
 * other side controls).
 */
public enum FrameRefusal {

	/**
	 * Not a frame of the protocol (its layout broken, a message record missing fields or
	 * with bad values).
	 */
	MALFORMED,
	/** A frame type this peer does not know. */
	UNKNOWN_TYPE,
	/** Larger than the frame limit. */
	TOO_BIG,
	/** A sealed frame that failed authentication (tampered, replayed, reordered). */
	UNOPENABLE,
	/** Against the protocol's order (a second handshake, a text frame). */
	PROTOCOL,
	/** A message under the name of another known peer, or of this one. */
	FORGED_NAME,
	/** A private message for another peer. */
	WRONG_RECIPIENT,
	/** A text empty or longer than this peer's {@code max-text-length}. */
	TEXT_LENGTH,
	/** A {@code from} or {@code to} that is not a valid username. */
	USERNAME,
	/** A {@code sentAt} outside the window around this peer's clock. */
	SENT_AT,
	/**
	 * A message from someone other than its sender without its sender's valid signature
	 * (ADR 0006).
	 */
	SIGNATURE;

	/** The metric tag: lower case, dashes. */
	public String tag() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	/** What a close with this status (not caused by a message's content) counts as. */
	static FrameRefusal of(CloseStatus status) {
		return switch (status.getCode()) {
			case 1003 -> UNKNOWN_TYPE;
			case 1009 -> TOO_BIG;
			case 1008 -> UNOPENABLE;
			case 1007 -> MALFORMED;
			default -> PROTOCOL;
		};
	}

}
