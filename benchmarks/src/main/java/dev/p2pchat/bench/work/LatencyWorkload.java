package dev.p2pchat.bench.work;

import java.io.IOException;
import java.time.Duration;

import dev.p2pchat.bench.report.Figure;
import dev.p2pchat.bench.report.Results;

/**
 * W2: paced broadcasts from one peer to the others; latency to the message on each
 * receiver's stream, measured from the time each send was due (its slot in the schedule,
 * recorded in an HdrHistogram) and, as before, from its {@code POST} returning; beside
 * the raw-WebSocket mesh's one-way latency at the same rate.
 */
final class LatencyWorkload {

	private static final double[] PERCENTILES = { 50, 99, 99.9, 100 };

	private static final String[] NAMES = { "p50", "p99", "p99.9", "max" };

	private final BenchConfig config;

	private final Samples samples;

	private Latencies lastApi = new Latencies(new long[0], 0);

	private Latencies lastDue = new Latencies(new long[0], 0);

	private Latencies lastWs = new Latencies(new long[0], 0);

	private int run = 5000;

	LatencyWorkload(BenchConfig config) {
		this.config = config;
		this.samples = new Samples(config.runs());
	}

	void run(NodeMesh wsMesh, PeerCluster api) throws IOException, InterruptedException {
		int rate = this.config.latencyRate();
		int count = this.config.latencyMessages();
		int chars = this.config.chars();
		Duration timeout = Duration.ofSeconds(10);
		for (int rep = 0; rep < this.config.runs(); rep++) {
			Progress.say("W2 run " + (rep + 1) + "/" + this.config.runs() + ": " + count + " msgs at " + rate + "/s");
			// the limit's distribution is stable after 10 s; a shorter run keeps the
			// whole tool in budget
			int limitCount = Math.min(count, rate * 10);
			this.lastWs = wsMesh.latency(this.run++, 0, rate, limitCount, chars, timeout);
			PeerCluster.LatencyRun both = api.latency(this.run++, rate, count, chars, timeout);
			this.lastApi = both.fromReturn();
			this.lastDue = both.fromSchedule();
			record("ws", rep, this.lastWs);
			record("api", rep, this.lastApi);
			record("due", rep, this.lastDue);
		}
	}

	private void record(String key, int rep, Latencies latencies) {
		var line = new StringBuilder("  " + key);
		for (int i = 0; i < PERCENTILES.length; i++) {
			double ms = latencies.percentileMillis(PERCENTILES[i]);
			this.samples.put(key + "." + NAMES[i], rep, ms);
			line.append(String.format(java.util.Locale.ROOT, " %s %.3f ms", NAMES[i], ms));
		}
		this.samples.add(key + ".lost", rep, latencies.lost());
		Progress.say(line + " lost " + latencies.lost());
	}

	void report(Results results) {
		String due = "W2 latency, " + this.config.latencyRate()
				+ " msgs/s, due to SSE (HdrHistogram, from the send schedule; lost " + this.samples.total("api.lost")
				+ ")";
		String workload = "W2 latency, " + this.config.latencyRate()
				+ " msgs/s, POST return to SSE (old method, same runs)";
		for (String name : NAMES) {
			var figure = new Figure(due, name + " ms", this.samples.get("due." + name), "raw WS",
					this.samples.get("ws." + name), "", null);
			results.add(switch (name) {
				case "p50" -> figure.withTarget("< 1 ms", figure.stats().median() < 1);
				case "p99" -> figure.withTarget("< 5 ms", figure.stats().median() < 5);
				default -> figure;
			});
		}
		for (String name : NAMES) {
			results.add(new Figure(workload, name + " ms", this.samples.get("api." + name), "raw WS",
					this.samples.get("ws." + name), "", null));
		}
		long[] api = this.lastApi.sortedMicros();
		long early = java.util.Arrays.stream(api).filter((micros) -> micros <= 0).count();
		if (early > 0) {
			results.note(String.format(java.util.Locale.ROOT,
					"W2, old method: %.1f %% of the deliveries in the last run appeared on the receiver's stream before"
							+ " the sender's `POST` had returned; that method counts them as 0 (the schedule-based"
							+ " figures have no such case).",
					100.0 * early / api.length));
		}
		results.latency("W2 API: due (schedule) to SSE", this.lastDue.sortedMicros());
		results.latency("W2 API: POST return to SSE (old)", api);
		results.latency("limit: raw WebSocket mesh, one-way", this.lastWs.sortedMicros());
	}

}
