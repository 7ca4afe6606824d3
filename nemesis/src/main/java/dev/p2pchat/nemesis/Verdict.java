package dev.p2pchat.nemesis;

import java.util.List;
import java.util.Map;

/**
 * The checker's figures for one run. The run passes when nothing is lost, duplicated,
 * reordered, phantom or leaked and every history survived its restarts; unknown outcomes
 * count either way.
 *
 * @param requests client requests made
 * @param acknowledged requests answered 202
 * @param refused requests refused for sure
 * @param unknown requests without a definite answer
 * @param unknownShown unknown requests that some peer shows (they were sent after all)
 * @param deliveries recipient deliveries of acknowledged messages marked delivered
 * @param failures recipient deliveries marked failed
 * @param failedButShown failed deliveries that the recipient shows nevertheless
 * @param failed the failed deliveries, {@code id -> recipient}
 * @param lost acknowledged messages neither delivered nor failed, with why
 * @param duplicated messages shown twice by one peer, or one text under two ids
 * @param reordered messages shown out of their sender's order
 * @param phantom messages shown that were never sent, or were refused
 * @param leaks private messages shown by a third peer
 * @param historyChanged messages of a snapshot missing or moved after the restart
 */
public record Verdict(int requests, int acknowledged, int refused, int unknown, int unknownShown, int deliveries,
		int failures, int failedButShown, Map<String, String> failed, List<String> lost, List<String> duplicated,
		List<String> reordered, List<String> phantom, List<String> leaks, List<String> historyChanged) {

	public boolean passed() {
		return this.lost.isEmpty() && this.duplicated.isEmpty() && this.reordered.isEmpty() && this.phantom.isEmpty()
				&& this.leaks.isEmpty() && this.historyChanged.isEmpty();
	}

	/** One line of figures. */
	public String summary() {
		return String.format(java.util.Locale.ROOT,
				"requests %d: acknowledged %d, refused %d, unknown %d (%d shown); deliveries %d, failed %d (%d shown anyway);"
						+ " lost %d, duplicated %d, reordered %d, phantom %d, leaks %d, history changed %d -> %s",
				this.requests, this.acknowledged, this.refused, this.unknown, this.unknownShown, this.deliveries,
				this.failures, this.failedButShown, this.lost.size(), this.duplicated.size(), this.reordered.size(),
				this.phantom.size(), this.leaks.size(), this.historyChanged.size(), passed() ? "PASS" : "FAIL");
	}

	/** Every anomaly, one per line, at most {@code limit} of each kind. */
	public List<String> anomalies(int limit) {
		var lines = new java.util.ArrayList<String>();
		add(lines, "lost", this.lost, limit);
		add(lines, "duplicated", this.duplicated, limit);
		add(lines, "reordered", this.reordered, limit);
		add(lines, "phantom", this.phantom, limit);
		add(lines, "leak", this.leaks, limit);
		add(lines, "history changed", this.historyChanged, limit);
		return lines;
	}

	private static void add(List<String> lines, String kind, List<String> items, int limit) {
		items.stream().limit(limit).forEach((item) -> lines.add(kind + ": " + item));
		if (items.size() > limit) {
			lines.add(kind + ": … and " + (items.size() - limit) + " more");
		}
	}

}
