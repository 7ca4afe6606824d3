package dev.p2pchat.peer.mesh;

import org.springframework.web.socket.CloseStatus;

/**
 * A link must be closed with this status and reason.
 */
final class LinkException extends Exception {

	private final CloseStatus status;

	private final LinkMetrics.HandshakeFailure failure;

	LinkException(CloseStatus status, String reason) {
		this(status, reason, LinkMetrics.HandshakeFailure.PROTOCOL);
	}

	LinkException(CloseStatus status, String reason, LinkMetrics.HandshakeFailure failure) {
		super(reason, null, false, false);
		this.status = status.withReason(reason);
		this.failure = failure;
	}

	CloseStatus status() {
		return this.status;
	}

	/** What a refused handshake is counted as, if this closes one. */
	LinkMetrics.HandshakeFailure failure() {
		return this.failure;
	}

}
