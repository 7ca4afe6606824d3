package dev.p2pchat.peer.tracker;

/**
 * The tracker could not be reached or answered with a server error.
 */
public class TrackerUnavailableException extends RuntimeException {

	TrackerUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
