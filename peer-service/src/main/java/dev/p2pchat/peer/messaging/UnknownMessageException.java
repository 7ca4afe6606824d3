package dev.p2pchat.peer.messaging;

/**
 * Thrown when no such message in this peer's history (404).
 */
public class UnknownMessageException extends RuntimeException {

	UnknownMessageException(String message) {
		super(message);
	}

}
