package dev.p2pchat.bench.work;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import dev.p2pchat.bench.http.LoadResult;
import dev.p2pchat.bench.http.LoadSpec;
import dev.p2pchat.bench.node.Payload;
import dev.p2pchat.bench.proc.Pause;
import dev.p2pchat.bench.proc.Ports;
import dev.p2pchat.bench.proc.ServiceProcess;
import dev.p2pchat.bench.report.Figure;
import dev.p2pchat.bench.report.Results;

/**
 * W5: time from {@code java -jar} to readiness UP, RSS and used heap of an idle peer and
 * tracker, each beside a bare Tomcat started the same way; the same for a peer that
 * starts on a full history (issue 12's budget); and a peer's RSS and heap after W1.
 */
final class FootprintWorkload {

	private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

	private static final Duration SETTLE = Duration.ofSeconds(1);

	/** The history a peer keeps by default ({@code p2pchat.peer.history-size}). */
	private static final int FULL_HISTORY = 10_000;

	private final BenchConfig config;

	private final Samples samples;

	FootprintWorkload(BenchConfig config) {
		this.config = config;
		this.samples = new Samples(config.runs());
	}

	/**
	 * Starts and stops a bare Tomcat, a tracker and a peer (against {@code trackerPort})
	 * per run.
	 */
	void startups(Launch launch, int trackerPort) throws IOException {
		Progress.say("W5 preparing the peer as its image runs it (extracted jar, AOT cache training run)");
		DeployedLayout deployed = launch.deployedPeerLayout();
		Progress.say("W5 writing a history of " + FULL_HISTORY + " messages");
		Path history = fullHistory(launch, trackerPort);
		for (int rep = 0; rep < this.config.runs(); rep++) {
			Progress.say("W5 start-up run " + (rep + 1) + "/" + this.config.runs());
			int port = Ports.free();
			ServiceProcess bare = launch.bareHttp(port);
			measure("bare", rep, bare, bare.awaitStatus("/", 202, READY_TIMEOUT), false);
			ServiceProcess tracker = launch.tracker("tracker-w5", Ports.free());
			measure("tracker", rep, tracker, tracker.awaitOk("/actuator/health/readiness", READY_TIMEOUT), true);
			ServiceProcess peer = launch.peer("idle" + rep, Ports.free(), trackerPort);
			measure("peer", rep, peer, peer.awaitOk("/actuator/health/readiness", READY_TIMEOUT), true);
			ServiceProcess image = launch.deployedPeer(deployed, "deployed" + rep, Ports.free(), trackerPort);
			measure("deployed", rep, image, image.awaitOk("/actuator/health/readiness", READY_TIMEOUT), true);
			ServiceProcess full = launch.deployedPeer(deployed, "history", Ports.free(), trackerPort, history);
			measure("history", rep, full, full.awaitOk("/actuator/health/readiness", READY_TIMEOUT), true);
		}
	}

	/**
	 * A data directory whose history is full: {@link #FULL_HISTORY} broadcasts posted to
	 * a peer that then stopped. Every run starts on it again; the history stays full.
	 */
	private static Path fullHistory(Launch launch, int trackerPort) throws IOException {
		Path dataDir = Launch.freshDataDir("history");
		int port = Ports.free();
		ServiceProcess writer = launch.peer("history", port, trackerPort, dataDir);
		try {
			writer.awaitOk("/actuator/health/readiness", READY_TIMEOUT);
			int connections = 4;
			var spec = new LoadSpec(port, connections, 1, FULL_HISTORY / connections, READY_TIMEOUT, 0,
					(c, seq) -> PeerCluster.post(port, new Payload(0, c, seq, System.nanoTime()), 100),
					LoadSpec.ResponseListener.NONE);
			LoadResult result = PeerCluster.runLoad(spec);
			if (result.responses() - result.unexpected() < FULL_HISTORY) {
				throw new IllegalStateException("the history peer accepted "
						+ (result.responses() - result.unexpected()) + " of " + FULL_HISTORY + " messages");
			}
		}
		finally {
			writer.stop();
		}
		return dataDir;
	}

	private void measure(String key, int rep, ServiceProcess process, Duration ready, boolean actuator)
			throws IOException {
		try {
			observe(key, rep, process, ready, actuator);
		}
		finally {
			process.stop();
		}
	}

	/**
	 * Records the start-up and footprint of a process that goes on running.
	 * @param key {@code bare}, {@code tracker} or {@code peer}
	 * @param rep the run
	 * @param process the process
	 * @param ready its time from start to ready
	 * @param actuator whether it has an actuator to read the heap from
	 * @throws IOException when it cannot be read
	 */
	void observe(String key, int rep, ServiceProcess process, Duration ready, boolean actuator) throws IOException {
		Pause.of(SETTLE);
		this.samples.put(key + ".ready", rep, ready.toMillis() / 1000.0);
		Footprint footprint = actuator ? Footprint.of(process) : new Footprint(Footprint.rssMb(process), Double.NaN);
		this.samples.put(key + ".rss", rep, footprint.rssMb());
		this.samples.put(key + ".heap", rep, footprint.heapMb());
		Progress.say(String.format(java.util.Locale.ROOT, "  %-8s ready %.2f s, RSS %.0f MB, heap %.0f MB", key,
				ready.toMillis() / 1000.0, footprint.rssMb(), footprint.heapMb()));
	}

	/** Measures a peer that took part in W1, after it has been idle a moment. */
	void afterLoad(ServiceProcess peer) throws IOException {
		Pause.of(Duration.ofSeconds(2));
		Footprint footprint = Footprint.of(peer);
		this.samples.put("after.rss", 0, footprint.rssMb());
		this.samples.put("after.heap", 0, footprint.heapMb());
		Progress.say(String.format(java.util.Locale.ROOT, "W5 peer after W1: RSS %.0f MB, heap %.0f MB",
				footprint.rssMb(), footprint.heapMb()));
	}

	void report(Results results) {
		results.add(Figure.plain("limit: bare Tomcat start-up", "s to first 202", this.samples.get("bare.ready")));
		results.add(Figure.plain("limit: bare Tomcat idle", "RSS MB", this.samples.get("bare.rss")));
		var peerReady = new Figure("W5 idle peer", "s to readiness UP", this.samples.get("peer.ready"), "bare Tomcat",
				this.samples.get("bare.ready"), "", null);
		results.add(peerReady.withTarget("< 3 s", peerReady.stats().median() < 3));
		var peerRss = new Figure("W5 idle peer after start", "RSS MB", this.samples.get("peer.rss"), "bare Tomcat",
				this.samples.get("bare.rss"), "", null);
		results.add(peerRss.withTarget("< 150 MB", peerRss.stats().median() < 150));
		results.add(Figure.plain("W5 idle peer after start", "heap MB", this.samples.get("peer.heap")));
		if (this.samples.has("deployed.ready")) {
			var imageReady = new Figure("W5 idle peer as its image runs it", "s to readiness UP",
					this.samples.get("deployed.ready"), "bare Tomcat", this.samples.get("bare.ready"), "", null);
			results.add(imageReady.withTarget("< 3 s", imageReady.stats().median() < 3));
			var imageRss = new Figure("W5 idle peer as its image runs it", "RSS MB", this.samples.get("deployed.rss"),
					"bare Tomcat", this.samples.get("bare.rss"), "", null);
			results.add(imageRss.withTarget("< 150 MB", imageRss.stats().median() < 150));
			results
				.add(Figure.plain("W5 idle peer as its image runs it", "heap MB", this.samples.get("deployed.heap")));
		}
		if (this.samples.has("history.ready")) {
			var historyReady = new Figure("W5 peer as its image runs it, " + FULL_HISTORY + " messages of history",
					"s to readiness UP", this.samples.get("history.ready"), "bare Tomcat",
					this.samples.get("bare.ready"), "", null);
			results.add(historyReady.withTarget("< 3 s", historyReady.stats().median() < 3));
			results.add(Figure.plain("W5 peer as its image runs it, " + FULL_HISTORY + " messages of history", "RSS MB",
					this.samples.get("history.rss")));
		}
		if (this.samples.has("after.rss")) {
			var after = Figure.plain("W5 peer after W1 (one sample)", "RSS MB", this.samples.get("after.rss"));
			// issue 19: a peer started as the README says, after W1
			results.add(after.withTarget("<= 512 MB", after.stats().median() <= 512));
			results.add(Figure.plain("W5 peer after W1 (one sample)", "heap MB", this.samples.get("after.heap")));
		}
		results.add(new Figure("W5 tracker", "s to readiness UP", this.samples.get("tracker.ready"), "bare Tomcat",
				this.samples.get("bare.ready"), "", null));
		results.add(new Figure("W5 idle tracker after start", "RSS MB", this.samples.get("tracker.rss"), "bare Tomcat",
				this.samples.get("bare.rss"), "", null));
		results.add(Figure.plain("W5 idle tracker after start", "heap MB", this.samples.get("tracker.heap")));
	}

}
