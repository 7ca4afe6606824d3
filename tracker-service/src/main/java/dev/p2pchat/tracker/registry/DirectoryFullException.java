package dev.p2pchat.tracker.registry;

/**
 * The registry holds its maximum of live peers: a new peer is refused (503) until one
 * leaves; peers already listed keep renewing and registering again.
 */
public class DirectoryFullException extends RuntimeException {

	public DirectoryFullException(int maxPeers) {
		super("the tracker already lists its maximum of " + maxPeers + " live peers; try again later");
	}

}
