package dev.p2pchat.tracker.registry;

/**
 * The lease token does not belong to the peer.
 */
public class InvalidTokenException extends RuntimeException {

	public InvalidTokenException(String peerId) {
		super("the lease token is not the one of peer '" + peerId + "'");
	}

}
