package dev.p2pchat.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import dev.p2pchat.bench.report.Figure;
import dev.p2pchat.bench.report.Results;
import dev.p2pchat.bench.work.BenchConfig;
import dev.p2pchat.bench.work.Jars;
import dev.p2pchat.bench.work.Suite;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the whole tool at a tiny size against real tracker, peer and limit processes
 * started from the built jars: every workload must produce its figures and the report
 * must be written. Judges no figure: performance is what docs/benchmarks.md reports.
 */
class BenchmarkSmokeIT {

	@Test
	void smokeWhenJarsAreBuiltMeasuresEveryWorkloadAndWritesTheReport() throws Exception {
		Path root = Path.of("..").toAbsolutePath().normalize();
		Path out = Path.of("target/smoke").toAbsolutePath();
		BenchConfig config = BenchConfig.smoke(root, out);

		Results results = new Suite(config, Jars.find(root), Clock.systemUTC()).run("BenchmarkSmokeIT");

		assertThat(results.notes()).noneMatch((note) -> note.contains("failed"));
		assertThat(results.figures()).extracting(Figure::workload)
			.anyMatch((w) -> w.startsWith("limit: raw WebSocket mesh"))
			.anyMatch((w) -> w.startsWith("limit: batched raw TCP mesh"))
			.anyMatch((w) -> w.startsWith("W1-mesh to batched raw TCP"))
			.anyMatch((w) -> w.startsWith("limit: bare HTTP"))
			.anyMatch((w) -> w.startsWith("W1-api"))
			.anyMatch((w) -> w.startsWith("W2 latency"))
			.anyMatch((w) -> w.startsWith("W3 fan-out"))
			.anyMatch((w) -> w.startsWith("W4 GET /peers 304"))
			.anyMatch((w) -> w.startsWith("W5 idle peer"));
		assertThat(results.figures()).filteredOn((f) -> f.metric().equals("msgs/s") || f.metric().equals("req/s"))
			.allSatisfy((f) -> assertThat(f.stats().median()).isPositive());
		assertThat(out.resolve("benchmarks.md")).content().contains("| W1-api, 1 sender");
		assertThat(Files.readString(out.resolve("benchmarks.svg"))).startsWith("<svg").endsWith("</svg>\n");
	}

}
