package dev.p2pchat.peer.messaging;

/**
 * Nobody of that username is known.
 */
public class UnknownRecipientException extends RuntimeException {

	UnknownRecipientException(String username) {
		// a name is at most 32 characters: anything longer is quoted cut, never whole
		super("nobody named '" + ((username.length() <= 100) ? username : username.substring(0, 100) + "…")
				+ "' is known");
	}

}
