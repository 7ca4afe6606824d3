package dev.p2pchat.tracker.registry;

/**
 * A live peer holds the peerId with another key; the record can be replaced only by the
 * holder of its key.
 */
public class PeerIdTakenException extends RuntimeException {

	public PeerIdTakenException(String peerId) {
		super("peerId '" + peerId + "' is held by a live peer with another key");
	}

}
