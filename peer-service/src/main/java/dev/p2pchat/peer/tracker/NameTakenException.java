package dev.p2pchat.peer.tracker;

/**
 * The tracker refused a username because another live peer holds it.
 */
public class NameTakenException extends RuntimeException {

	NameTakenException(String username) {
		super("username '" + username + "' is taken");
	}

}
