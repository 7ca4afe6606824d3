package dev.p2pchat.bench.work;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.p2pchat.link.identity.Identity;
import dev.p2pchat.bench.http.SseClient;
import dev.p2pchat.bench.proc.Pause;
import dev.p2pchat.bench.proc.Ports;
import dev.p2pchat.bench.proc.RedisServer;
import dev.p2pchat.bench.proc.ServiceProcess;
import dev.p2pchat.bench.report.Figure;
import dev.p2pchat.bench.report.Results;

/**
 * W4 on Redis: two tracker replicas (A and B) on one Redis
 * ({@code p2pchat.tracker.store=redis}). The join→event latency across replicas (register
 * on A, the {@code joined} event read on B's {@code GET /peers/events}), then the W4
 * figures on A. Without a Redis ({@link RedisServer}), its rows say why they are not
 * measured and the rest of the benchmark goes on.
 */
final class RedisTrackerWorkload {

	private static final Duration READY = Duration.ofSeconds(180);

	private static final Duration EVENT_TIMEOUT = Duration.ofSeconds(10);

	private final BenchConfig config;

	private final TrackerWorkload tracker;

	private final Samples samples;

	private String notMeasured = "not measured: not part of this configuration (the smoke leaves it out)";

	private String redisKind = "";

	RedisTrackerWorkload(BenchConfig config) {
		this.config = config;
		this.tracker = new TrackerWorkload(config, "W4 Redis");
		this.samples = new Samples(config.runs());
	}

	/**
	 * Starts Redis and the two replicas, measures, and stops them.
	 * @param launch how to start a tracker
	 * @param logDir where a {@code redis-server}'s output goes
	 */
	void run(Launch launch, Path logDir) throws Exception {
		this.notMeasured = "";
		Optional<RedisServer> started = RedisServer.start(logDir);
		if (started.isEmpty()) {
			this.notMeasured = "not measured: no Docker engine (nor a redis-server on the PATH)";
			Progress.say("W4 Redis " + this.notMeasured);
			return;
		}
		try (RedisServer redis = started.get()) {
			this.redisKind = redis.kind();
			List<ServiceProcess> replicas = List.of(replica(launch, "tracker-redis-a", redis),
					replica(launch, "tracker-redis-b", redis));
			try {
				for (ServiceProcess replica : replicas) {
					replica.awaitOk("/actuator/health/readiness", READY);
				}
				for (int rep = 0; rep < this.config.runs(); rep++) {
					joinLatency(rep, replicas.get(0).port(), replicas.get(1).port());
				}
				this.tracker.run(replicas.get(0).port(), null);
			}
			finally {
				ServiceProcess.stopAll(replicas);
			}
		}
	}

	private static ServiceProcess replica(Launch launch, String name, RedisServer redis) throws IOException {
		// as the in-memory W4 tracker: a lease that outlasts the workload, no rate limit
		return launch.tracker(name, Ports.free(), "--p2pchat.tracker.store=redis",
				"--spring.data.redis.url=" + redis.url(), "--p2pchat.tracker.lease=3600s",
				"--p2pchat.tracker.rate-limit.registrations=1000000", "--p2pchat.tracker.max-peers=1000000",
				"--p2pchat.tracker.sybil.per-address=1000000", "--p2pchat.tracker.sybil.per-prefix=1000000");
	}

	/**
	 * One join at a time: from sending {@code POST /peers} to A until B's stream has the
	 * {@code joined} event; each peer leaves again, so that the list figures see only
	 * their own peers.
	 */
	private void joinLatency(int rep, int portA, int portB) throws IOException, InterruptedException {
		int joins = Math.max(20, this.config.trackerPeers() / 5);
		Map<String, Long> seen = new ConcurrentHashMap<>();
		var a = new TrackerApi(portA);
		long[] micros = new long[joins];
		try (SseClient stream = SseClient.open(portB, "/peers/events", "w4-redis-b", (event, data, nanos) -> {
			if (event.equals("joined") || event.equals("snapshot")) {
				seen.put(event.equals("snapshot") ? "" : SseClient.stringField(data, "peerId"), nanos);
			}
		})) {
			await(seen, "", stream);
			for (int i = 0; i < joins; i++) {
				Identity identity = Identity.generate();
				long sent = System.nanoTime();
				String token = a.register(identity, "w4j" + rep + "x" + i, "http://127.0.0.1:9/w4j-" + i);
				micros[i] = (await(seen, identity.peerId(), stream) - sent) / 1000;
				a.remove(identity.peerId(), token);
			}
		}
		Arrays.sort(micros);
		var latencies = new Latencies(micros, 0);
		this.samples.put("join-p50", rep, latencies.percentileMillis(50));
		this.samples.put("join-p99", rep, latencies.percentileMillis(99));
		Progress.say(String.format(Locale.ROOT, "  join A->B p50 %.2f ms, p99 %.2f ms (%d joins)",
				latencies.percentileMillis(50), latencies.percentileMillis(99), joins));
	}

	private static long await(Map<String, Long> seen, String key, SseClient stream) throws IOException {
		long deadline = System.nanoTime() + EVENT_TIMEOUT.toNanos();
		for (Long at = seen.get(key); at == null; at = seen.get(key)) {
			if (stream.ended() || System.nanoTime() > deadline) {
				throw new IOException("B's event stream did not show " + (key.isEmpty() ? "its snapshot" : key));
			}
			Pause.of(Duration.ofMillis(1));
		}
		return seen.get(key);
	}

	/**
	 * Adds the figures, or says why there are none.
	 * @param results where they go
	 * @param bare the bare-HTTP limit measured by the in-memory W4 in the same runs
	 */
	void report(Results results, double[] bare) {
		if (!this.notMeasured.isEmpty()) {
			results.note("W4 Redis (two tracker replicas on Redis) " + this.notMeasured + ".");
			return;
		}
		this.tracker.report(results, bare);
		String workload = "W4 Redis join on A → joined event on B (" + this.redisKind + ")";
		results.add(Figure.plain(workload, "p50 ms", this.samples.get("join-p50")));
		results.add(Figure.plain(workload, "p99 ms", this.samples.get("join-p99")));
	}

}
