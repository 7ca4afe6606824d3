package dev.p2pchat.tracker.registry;

/**
 * The username is reserved for the key of the peer that held it and left (or whose lease
 * ran out) less than {@code p2pchat.tracker.name-reservation} ago: nobody else may take
 * it meanwhile, so that a restart cannot be squatted.
 */
public class NameReservedException extends NameTakenException {

	public NameReservedException(String username) {
		super(username, "username '" + username + "' is reserved for the peer that held it until recently");
	}

}
