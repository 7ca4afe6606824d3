package dev.p2pchat.bench.work;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

/**
 * The sizes of one benchmark run.
 *
 * @param name {@code full} or {@code smoke}
 * @param runs measured repetitions of each workload (the report gives median, min and
 * max)
 * @param peers peers in the W1/W2 mesh, and nodes in the raw-WebSocket mesh
 * @param messages W1 messages per run (split over the senders)
 * @param chars characters per message text
 * @param connections load-generator keep-alive connections for W1 and the bare-HTTP limit
 * @param depth requests in flight per connection
 * @param latencyRate W2 messages per second
 * @param latencyDuration W2 duration of one run
 * @param fanOutSizes W3 numbers of simulated peers
 * @param fanOutMessages W3 messages per run
 * @param trackerPeers W4 registered peers
 * @param trackerDuration W4 duration of one measurement
 * @param trackerOnRedis whether W4 also measures two tracker replicas on a Redis it
 * starts (a {@code redis-server} or a Docker {@code redis:7})
 * @param runTimeout the longest one run of a workload may take before its result is taken
 * as is
 * @param separateStartups whether W5 starts its own processes one at a time on a quiet
 * machine (full) or reads the start-up of the processes the other workloads use, started
 * together (smoke)
 * @param workloads the workloads to run, e.g. {@code W1}, {@code W2}; empty for all
 * @param outDir where logs go
 * @param reportDir where {@code benchmarks.md} and {@code benchmarks.svg} go
 */
public record BenchConfig(String name, int runs, int peers, int messages, int chars, int connections, int depth,
		int latencyRate, Duration latencyDuration, int[] fanOutSizes, int fanOutMessages, int trackerPeers,
		Duration trackerDuration, boolean trackerOnRedis, Duration runTimeout, boolean separateStartups,
		Set<String> workloads, Path outDir, Path reportDir) {

	public BenchConfig {
		if (runs < 1 || peers < 2 || messages < 1 || connections < 1 || depth < 1 || latencyRate < 1) {
			throw new IllegalArgumentException("runs, messages, connections, depth, rate >= 1 and peers >= 2");
		}
	}

	/** The full benchmark of issue 6. */
	public static BenchConfig full(Path root) {
		return new BenchConfig("full", 3, 5, 100_000, 100, 16, 1, 1000, Duration.ofSeconds(30), new int[] { 50, 200 },
				5_000, 1000, Duration.ofSeconds(3), true, Duration.ofSeconds(90), true, Set.of(),
				root.resolve("bench-out"), root.resolve("docs"));
	}

	/** Every workload at a tiny size, once, for CI. */
	public static BenchConfig smoke(Path root, Path outDir) {
		return new BenchConfig("smoke", 1, 3, 600, 100, 4, 1, 200, Duration.ofSeconds(1), new int[] { 3 }, 50, 20,
				Duration.ofMillis(300), false, Duration.ofSeconds(30), false, Set.of(), outDir, outDir);
	}

	/**
	 * This configuration with some sizes changed, e.g. for a quicker look during
	 * development.
	 * @param overrides {@code runs}, {@code peers}, {@code messages},
	 * {@code connections}, {@code depth}, {@code latency-rate}, {@code latency-seconds},
	 * {@code fanout} (comma list), {@code fanout-messages}, {@code tracker-peers}
	 * @return the changed configuration, named {@code custom} when anything changed; it
	 * reports into {@link #outDir()}, so that only an unchanged run rewrites the
	 * published report
	 */
	public BenchConfig with(Map<String, String> overrides) {
		if (overrides.isEmpty()) {
			return this;
		}
		var o = new Overrides(overrides);
		return new BenchConfig(this.name + "+custom", o.integer("runs", this.runs), o.integer("peers", this.peers),
				o.integer("messages", this.messages), this.chars, o.integer("connections", this.connections),
				o.integer("depth", this.depth), o.integer("latency-rate", this.latencyRate),
				Duration.ofSeconds(o.integer("latency-seconds", (int) this.latencyDuration.toSeconds())),
				o.integers("fanout", this.fanOutSizes), o.integer("fanout-messages", this.fanOutMessages),
				o.integer("tracker-peers", this.trackerPeers), this.trackerDuration, this.trackerOnRedis,
				Duration.ofSeconds(o.integer("timeout", (int) this.runTimeout.toSeconds())), this.separateStartups,
				overrides.containsKey("only") ? Set.of(overrides.get("only").split(",")) : this.workloads, this.outDir,
				this.outDir);
	}

	/**
	 * Whether a workload is to run.
	 * @param workload e.g. {@code W1}
	 * @return whether it runs
	 */
	public boolean includes(String workload) {
		return this.workloads.isEmpty() || this.workloads.contains(workload);
	}

	/** W2 messages per run. */
	public int latencyMessages() {
		return (int) (this.latencyRate * this.latencyDuration.toMillis() / 1000);
	}

	private record Overrides(Map<String, String> values) {

		int integer(String key, int fallback) {
			return this.values.containsKey(key) ? Integer.parseInt(this.values.get(key)) : fallback;
		}

		int[] integers(String key, int[] fallback) {
			return this.values.containsKey(key)
					? Arrays.stream(this.values.get(key).split(",")).mapToInt(Integer::parseInt).toArray() : fallback;
		}

	}

}
