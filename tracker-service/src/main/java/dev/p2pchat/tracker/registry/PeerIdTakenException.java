package dev.p2pchat.tracker.registry;

/**
 * A live peer holds the peerId with another url; the id is free again when its lease
 * ends.
 */
public class PeerIdTakenException extends RuntimeException {

	public PeerIdTakenException(String peerId) {
		super("peerId '" + peerId + "' is held by a live peer with another url");
	}

}
