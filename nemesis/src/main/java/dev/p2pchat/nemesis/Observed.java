package dev.p2pchat.nemesis;

import java.util.List;
import java.util.Map;

/**
 * What the peers show after healing: what the checker judges.
 *
 * @param histories each peer's whole history, oldest first
 * @param states for each acknowledged message id, its sender's delivery state per
 * recipient username ({@code pending}, {@code delivered}, {@code failed}); an id is
 * missing when its sender does not know it ({@code GET /messages/{id}} 404)
 * @param snapshots a peer's history taken just before it was killed or restarted
 * @param streams what each peer's {@code GET /messages/stream} showed, one list per
 * connection (session), in the order shown
 */
public record Observed(Map<String, List<Shown>> histories, Map<String, Map<String, String>> states,
		List<Snapshot> snapshots, Map<String, List<List<Shown>>> streams) {

	/** Without streams. */
	public Observed(Map<String, List<Shown>> histories, Map<String, Map<String, String>> states,
			List<Snapshot> snapshots) {
		this(histories, states, snapshots, Map.of());
	}

	/**
	 * A peer's history (ids, oldest first) just before a restart.
	 *
	 * @param peer whose
	 * @param why the fault that restarted it
	 * @param ids the message ids it showed
	 */
	public record Snapshot(String peer, String why, List<String> ids) {

	}

}
