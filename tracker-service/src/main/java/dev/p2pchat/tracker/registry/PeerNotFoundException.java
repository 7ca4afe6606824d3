package dev.p2pchat.tracker.registry;

/**
 * No live peer has the given peerId (it never registered, left, or its lease ran out).
 */
public class PeerNotFoundException extends RuntimeException {

	public PeerNotFoundException(String peerId) {
		super("no live peer with id '" + peerId + "'");
	}

}
