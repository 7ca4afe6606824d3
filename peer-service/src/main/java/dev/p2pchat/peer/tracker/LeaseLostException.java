package dev.p2pchat.peer.tracker;

/**
 * The tracker no longer knows this peer or its lease token (404, 401 or 403): register
 * again.
 */
class LeaseLostException extends RuntimeException {

	LeaseLostException(String message) {
		super(message);
	}

}
