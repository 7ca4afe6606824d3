package dev.p2pchat.peer.messaging;

/**
 * Nobody of that username is known.
 */
public class UnknownRecipientException extends RuntimeException {

	UnknownRecipientException(String username) {
		super("nobody named '" + username + "' is known");
	}

}
