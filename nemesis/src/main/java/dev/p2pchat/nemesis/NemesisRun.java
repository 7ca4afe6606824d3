package dev.p2pchat.nemesis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Runs phases on one {@link Cluster}: for each, a workload and a nemesis from the phase's
 * seed, then the cluster healed, the deliveries settled, every history read and the whole
 * run so far checked ({@link HistoryChecker}). Writes a report per phase into the
 * cluster's work directory.
 */
public final class NemesisRun {

	/**
	 * One phase.
	 *
	 * @param seed drives the nemesis and the workload's choices (printed: replay with
	 * {@code scripts/soak.sh --seed=})
	 * @param faults how long faults are injected
	 * @param perSecond client requests per second
	 * @param clients client threads
	 * @param nemesis how faults are held
	 */
	public record Plan(long seed, Duration faults, double perSecond, int clients, Nemesis.Settings nemesis) {
	}

	/**
	 * What a phase found.
	 *
	 * @param plan the phase
	 * @param verdict the checker's verdict over the run so far
	 * @param report the report's file
	 * @param text the report
	 */
	public record Result(Plan plan, Verdict verdict, Path report, String text) {
	}

	private final Cluster cluster;

	private final List<Op> ops = new ArrayList<>();

	private final List<Observed.Snapshot> snapshots = new ArrayList<>();

	private final Map<String, List<List<Shown>>> streams = new HashMap<>();

	public NemesisRun(Cluster cluster) {
		this.cluster = cluster;
	}

	public Result phase(Plan plan) {
		System.out.println("nemesis: seed " + plan.seed() + ", " + plan.faults().toSeconds() + " s of faults on "
				+ this.cluster.peers().size() + " peers (replay: scripts/soak.sh --seed=" + plan.seed() + " --minutes="
				+ Math.max(1, plan.faults().toMinutes()) + ")");
		long started = System.nanoTime();
		var timeline = new Timeline(started);
		var workload = new Workload(this.cluster, new Random(plan.seed() * 31 + 7), "s" + plan.seed(), plan.perSecond(),
				timeline::faultActive);
		var nemesis = new Nemesis(this.cluster, new Random(plan.seed()), plan.nemesis(), timeline);
		var streams = new StreamWatch(this.cluster);
		workload.start(plan.clients());
		nemesis.run(plan.faults());
		List<Op> phaseOps = workload.stop();
		long healStart = System.nanoTime();
		this.cluster.heal();
		this.ops.addAll(phaseOps);
		this.snapshots.addAll(nemesis.snapshots());
		int unsettled = settle();
		long settled = System.nanoTime();
		streams.stop()
			.forEach((peer, sessions) -> this.streams.computeIfAbsent(peer, (name) -> new ArrayList<>())
				.addAll(sessions));
		Observed observed = observe();
		Verdict verdict = HistoryChecker.check(this.ops, observed);
		var report = new Report(plan, this.cluster.peers().size(), phaseOps, timeline, nemesis.counts(), verdict,
				Duration.ofNanos(healStart - started), Duration.ofNanos(settled - healStart), unsettled,
				Duration.ofNanos(System.nanoTime() - started), streamFigures());
		String text = report.markdown();
		Path file = this.cluster.workDir().resolve("report-" + plan.seed() + ".md");
		try {
			Files.writeString(file, text);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		System.out.println("nemesis: seed " + plan.seed() + ": " + verdict.summary() + " (report " + file + ")");
		verdict.anomalies(20).forEach((line) -> System.out.println("nemesis:   " + line));
		return new Result(plan, verdict, file, text);
	}

	/**
	 * Waits until no acknowledged message is pending at its sender: each is delivered, or
	 * failed once the outbox bound passed.
	 * @return how many were still pending when the wait ended
	 */
	private int settle() {
		long deadline = System.nanoTime() + Cluster.OUTBOX_MAX_AGE.plusSeconds(60).toNanos();
		List<Op> pending = this.ops.stream().filter((op) -> op.outcome() == Op.Outcome.OK).toList();
		while (true) {
			List<Op> still = new ArrayList<>();
			for (Op op : pending) {
				Map<String, String> states = this.cluster.states(this.cluster.peer(op.sender()), op.id());
				if (states != null && states.containsValue("pending")) {
					still.add(op);
				}
			}
			pending = still;
			if (pending.isEmpty() || System.nanoTime() > deadline) {
				return pending.size();
			}
			Sleep.of(Duration.ofSeconds(1));
		}
	}

	/** Live-stream connections followed so far, and the messages they showed. */
	private int[] streamFigures() {
		int sessions = 0;
		int messages = 0;
		for (List<List<Shown>> perPeer : this.streams.values()) {
			sessions += perPeer.size();
			messages += perPeer.stream().mapToInt(List::size).sum();
		}
		return new int[] { sessions, messages };
	}

	private Observed observe() {
		Map<String, List<Shown>> histories = new HashMap<>();
		for (Node peer : this.cluster.peers()) {
			histories.put(peer.name(), this.cluster.history(peer));
		}
		Map<String, Map<String, String>> states = new HashMap<>();
		for (Op op : this.ops) {
			if (op.outcome() == Op.Outcome.OK) {
				Map<String, String> recipients = this.cluster.states(this.cluster.peer(op.sender()), op.id());
				if (recipients != null) {
					states.put(op.id(), recipients);
				}
			}
		}
		return new Observed(histories, states, List.copyOf(this.snapshots), this.streams);
	}

}
