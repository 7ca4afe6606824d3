package dev.p2pchat.peer.console;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The usernames of the peers this terminal knows, by peerId, for username completion:
 * filled from {@code GET /peers} at start and kept current by the joined, left and
 * renamed events. Thread-safe.
 */
final class PeerNames {

	private final Map<String, String> names = new ConcurrentHashMap<>();

	void put(String peerId, String username) {
		this.names.put(peerId, username);
	}

	void remove(String peerId) {
		this.names.remove(peerId);
	}

	/** The known usernames, sorted without regard to case. */
	List<String> usernames() {
		return this.names.values().stream().sorted(String.CASE_INSENSITIVE_ORDER).toList();
	}

}
