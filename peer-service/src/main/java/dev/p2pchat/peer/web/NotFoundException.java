package dev.p2pchat.peer.web;

/**
 * The requested resource does not exist (404).
 */
class NotFoundException extends RuntimeException {

	NotFoundException(String message) {
		super(message);
	}

}
