package dev.p2pchat.peer.mesh;

import org.springframework.web.socket.CloseStatus;

/**
 * A link must be closed with this status and reason.
 */
final class LinkException extends Exception {

	private final CloseStatus status;

	LinkException(CloseStatus status, String reason) {
		super(reason, null, false, false);
		this.status = status.withReason(reason);
	}

	CloseStatus status() {
		return this.status;
	}

}
