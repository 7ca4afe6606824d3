package dev.p2pchat.peer.tracker;

/**
 * The owner accepted a key for a name that the directory does not list for it now (a
 * stale page, or the name changed hands again): nothing was accepted.
 */
public final class KeyNotCurrentException extends RuntimeException {

	KeyNotCurrentException(String username, String peerId) {
		super("the directory does not list " + peerId + " as " + username + " now; nothing was accepted");
	}

}
