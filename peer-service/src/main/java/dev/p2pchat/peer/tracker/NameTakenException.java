package dev.p2pchat.peer.tracker;

/**
 * The tracker refused a username because another live peer holds it, or because it is
 * reserved for the key of a peer that held it and left a short while ago.
 */
public class NameTakenException extends RuntimeException {

	NameTakenException(String username, boolean reserved) {
		super(reserved ? "username '" + username + "' is reserved for the peer that held it until recently"
				: "username '" + username + "' is taken");
	}

}
