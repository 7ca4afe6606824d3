package dev.p2pchat.tracker.registry;

/**
 * Another live peer holds the username (compared without regard to case).
 */
public class NameTakenException extends RuntimeException {

	public NameTakenException(String username) {
		super("username '" + username + "' is taken");
	}

	protected NameTakenException(String username, String message) {
		super(message);
	}

}
