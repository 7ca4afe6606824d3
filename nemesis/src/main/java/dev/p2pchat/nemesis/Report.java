package dev.p2pchat.nemesis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A phase's report in Markdown: operations, faults by kind and their timeline, the
 * checker's figures, why deliveries failed (the faults on sender or recipient around the
 * time), and the latency percentiles of acknowledged requests during faults and outside.
 */
final class Report {

	private final NemesisRun.Plan plan;

	private final int peers;

	private final List<Op> ops;

	private final Timeline timeline;

	private final Map<FaultKind, Integer> counts;

	private final Verdict verdict;

	private final Duration faulting;

	private final Duration settling;

	private final int unsettled;

	private final Duration total;

	private final int[] streams;

	Report(NemesisRun.Plan plan, int peers, List<Op> ops, Timeline timeline, Map<FaultKind, Integer> counts,
			Verdict verdict, Duration faulting, Duration settling, int unsettled, Duration total, int[] streams) {
		this.plan = plan;
		this.peers = peers;
		this.ops = ops;
		this.timeline = timeline;
		this.counts = counts;
		this.verdict = verdict;
		this.faulting = faulting;
		this.settling = settling;
		this.unsettled = unsettled;
		this.total = total;
		this.streams = streams;
	}

	String markdown() {
		var out = new StringBuilder();
		line(out, "# Nemesis run, seed %d", this.plan.seed());
		line(out, "");
		line(out,
				"%d peers and a tracker; %d s of faults (%d at once at most), %.1f requests/s from %d clients;"
						+ " healed and settled in %d s (%d still pending then); %d s in all.",
				this.peers, this.faulting.toSeconds(), this.plan.nemesis().concurrency(), this.plan.perSecond(),
				this.plan.clients(), this.settling.toSeconds(), this.unsettled, this.total.toSeconds());
		line(out, "");
		line(out, "## Verdict (the run so far)");
		line(out, "");
		line(out, "| figure | count |");
		line(out, "|---|---|");
		row(out, "requests", this.verdict.requests());
		row(out, "acknowledged (202)", this.verdict.acknowledged());
		row(out, "refused (4xx, connection refused)", this.verdict.refused());
		row(out, "unknown (timeout, broken connection, 5xx)", this.verdict.unknown());
		row(out, "unknown but shown", this.verdict.unknownShown());
		row(out, "deliveries (recipient shows it, delivered)", this.verdict.deliveries());
		row(out, "deliveries failed", this.verdict.failures());
		row(out, "failed but shown anyway", this.verdict.failedButShown());
		row(out, "live-stream connections checked", this.streams[0]);
		row(out, "messages shown on them", this.streams[1]);
		row(out, "**lost**", this.verdict.lost().size());
		row(out, "**duplicated**", this.verdict.duplicated().size());
		row(out, "**reordered**", this.verdict.reordered().size());
		row(out, "**phantom**", this.verdict.phantom().size());
		row(out, "**private leaks**", this.verdict.leaks().size());
		row(out, "**history changed across a restart**", this.verdict.historyChanged().size());
		line(out, "");
		line(out, "Result: **%s**", this.verdict.passed() ? "PASS" : "FAIL");
		List<String> anomalies = this.verdict.anomalies(50);
		if (!anomalies.isEmpty()) {
			line(out, "");
			anomalies.forEach((anomaly) -> line(out, "- %s", anomaly));
		}
		line(out, "");
		line(out, "## This phase's requests");
		line(out, "");
		Map<String, Integer> statuses = new TreeMap<>();
		this.ops.forEach((op) -> statuses.merge(op.outcome() + " " + status(op.status()), 1, Integer::sum));
		statuses.forEach((status, count) -> line(out, "- %s: %d", status, count));
		line(out, "");
		line(out, "Latency of acknowledged requests (ms):");
		line(out, "");
		line(out, "| when | n | p50 | p90 | p99 | max |");
		line(out, "|---|---|---|---|---|---|");
		latency(out, "during faults", true);
		latency(out, "no fault active", false);
		line(out, "");
		line(out, "## Faults");
		line(out, "");
		new TreeMap<>(this.counts).forEach((kind, count) -> line(out, "- %s: %d", kind, count));
		line(out, "");
		failures(out);
		line(out, "Timeline (seconds from the phase's start):");
		line(out, "");
		line(out, "```");
		this.timeline.events().forEach((event) -> line(out, "%s", this.timeline.format(event)));
		line(out, "```");
		return out.toString();
	}

	/**
	 * Why deliveries failed: the fault kinds on either end (and partitions and tracker
	 * restarts, which touch everyone) from 5 s before the message until its outbox bound.
	 */
	private void failures(StringBuilder out) {
		if (this.verdict.failed().isEmpty()) {
			return;
		}
		Map<String, Op> byText = new HashMap<>();
		this.ops.forEach((op) -> byText.put(op.text(), op));
		Map<String, Integer> reasons = new TreeMap<>();
		this.verdict.failed().forEach((key, text) -> {
			Op op = byText.get(text);
			if (op == null) {
				// an earlier phase's message
				return;
			}
			String recipient = key.substring(key.indexOf("->") + 2);
			List<String> kinds = new ArrayList<>();
			long until = op.startNanos() + Cluster.OUTBOX_MAX_AGE.toNanos();
			for (Timeline.Event event : this.timeline.during(op.startNanos() - 5_000_000_000L, until)) {
				if (event.target().contains(recipient) || event.target().contains(op.sender())
						|| event.kind() == FaultKind.PARTITION || event.kind() == FaultKind.TRACKER_KILL) {
					kinds.add(event.kind().name());
				}
			}
			reasons.merge(
					kinds.isEmpty() ? "no fault on either end" : String.join("+", kinds.stream().distinct().toList()),
					1, Integer::sum);
		});
		line(out, "Failed deliveries of this phase by the faults on sender or recipient then:");
		line(out, "");
		reasons.forEach((reason, count) -> line(out, "- %s: %d", reason, count));
		line(out, "");
	}

	private void latency(StringBuilder out, String label, boolean duringFault) {
		long[] millis = this.ops.stream()
			.filter((op) -> op.outcome() == Op.Outcome.OK && op.duringFault() == duringFault)
			.mapToLong(Op::latencyMillis)
			.sorted()
			.toArray();
		if (millis.length == 0) {
			line(out, "| %s | 0 | | | | |", label);
			return;
		}
		line(out, "| %s | %d | %d | %d | %d | %d |", label, millis.length, at(millis, 0.5), at(millis, 0.9),
				at(millis, 0.99), millis[millis.length - 1]);
	}

	private static long at(long[] sorted, double quantile) {
		return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)];
	}

	private static String status(int status) {
		return switch (status) {
			case -1 -> "connection refused";
			case -2 -> "no answer";
			default -> Integer.toString(status);
		};
	}

	private static void row(StringBuilder out, String figure, int count) {
		line(out, "| %s | %d |", figure, count);
	}

	private static void line(StringBuilder out, String format, Object... args) {
		out.append(String.format(Locale.ROOT, format, args)).append('\n');
	}

}
