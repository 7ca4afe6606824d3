package dev.p2pchat.peer.messaging;

/**
 * Thrown when the message is another peer's: only its sender may change it (403).
 */
public class NotYourMessageException extends RuntimeException {

	NotYourMessageException(String message) {
		super(message);
	}

}
