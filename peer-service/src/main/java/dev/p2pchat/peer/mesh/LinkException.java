package dev.p2pchat.peer.mesh;

import org.springframework.web.socket.CloseStatus;

/**
 * A link must be closed with this status and reason.
 */
final class LinkException extends Exception {

	private final CloseStatus status;

	private final LinkMetrics.HandshakeFailure failure;

	private final FrameRefusal refusal;

	LinkException(CloseStatus status, String reason) {
		this(status, reason, LinkMetrics.HandshakeFailure.PROTOCOL);
	}

	LinkException(CloseStatus status, String reason, LinkMetrics.HandshakeFailure failure) {
		super(reason, null, false, false);
		this.status = status.withReason(reason);
		this.failure = failure;
		this.refusal = FrameRefusal.of(status);
	}

	/** A frame of an established link refused for what a message in it says. */
	LinkException(RefusedMessageException refused) {
		super(refused.getMessage(), null, false, false);
		this.status = CloseStatus.BAD_DATA.withReason(refused.getMessage());
		this.failure = LinkMetrics.HandshakeFailure.PROTOCOL;
		this.refusal = refused.refusal();
	}

	CloseStatus status() {
		return this.status;
	}

	/** What a refused frame of an established link is counted as. */
	FrameRefusal refusal() {
		return this.refusal;
	}

	/** What a refused handshake is counted as, if this closes one. */
	LinkMetrics.HandshakeFailure failure() {
		return this.failure;
	}

}
