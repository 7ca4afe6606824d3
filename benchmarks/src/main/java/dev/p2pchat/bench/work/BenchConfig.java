package dev.p2pchat.bench.work;

import java.nio.file.Path;
import java.time.Duration;

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
 * @param runTimeout the longest one run of a workload may take before its result is taken
 * as is
 * @param outDir where logs and raw figures go
 * @param reportDir where {@code benchmarks.md} and {@code benchmarks.svg} go
 */
public record BenchConfig(String name, int runs, int peers, int messages, int chars, int connections, int depth,
		int latencyRate, Duration latencyDuration, int[] fanOutSizes, int fanOutMessages, int trackerPeers,
		Duration trackerDuration, Duration runTimeout, Path outDir, Path reportDir) {

	/** The full benchmark of issue 6. */
	public static BenchConfig full(Path root) {
		return new BenchConfig("full", 3, 5, 100_000, 100, 16, 1, 1000, Duration.ofSeconds(30), new int[] { 50, 200 },
				5_000, 1000, Duration.ofSeconds(5), Duration.ofSeconds(60), root.resolve("bench-out"),
				root.resolve("docs"));
	}

	/** Every workload at a tiny size, once, for CI. */
	public static BenchConfig smoke(Path root, Path outDir) {
		return new BenchConfig("smoke", 1, 3, 600, 100, 4, 1, 200, Duration.ofSeconds(1), new int[] { 3 }, 50, 20,
				Duration.ofMillis(300), Duration.ofSeconds(20), outDir, outDir);
	}

	/** W2 messages per run. */
	public int latencyMessages() {
		return (int) (this.latencyRate * this.latencyDuration.toMillis() / 1000);
	}

}
