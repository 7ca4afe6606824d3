package dev.p2pchat.bench;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;

import dev.p2pchat.bench.limit.BareHttpServer;
import dev.p2pchat.bench.limit.WsMeshNode;
import dev.p2pchat.bench.work.BenchConfig;
import dev.p2pchat.bench.work.Jars;
import dev.p2pchat.bench.work.Suite;

/**
 * The benchmark tool's entry point.
 * <ul>
 * <li>{@code run [repository-root]}: every workload, full size; writes
 * {@code docs/benchmarks.md} and {@code docs/benchmarks.svg}.</li>
 * <li>{@code smoke [repository-root] [out-dir]}: every workload at a tiny size,
 * once.</li>
 * <li>{@code ws-node ...} and {@code bare-http ...}: the limit processes the tool
 * starts.</li>
 * </ul>
 */
public final class Main {

	private Main() {
	}

	public static void main(String[] args) throws Exception {
		String command = (args.length > 0) ? args[0] : "run";
		String[] rest = (args.length > 0) ? Arrays.copyOfRange(args, 1, args.length) : args;
		switch (command) {
			case "ws-node" -> WsMeshNode.main(rest);
			case "bare-http" -> BareHttpServer.main(rest);
			case "run", "smoke" -> {
				Path root = Path.of((rest.length > 0) ? rest[0] : ".").toAbsolutePath().normalize();
				BenchConfig config = command.equals("run") ? BenchConfig.full(root)
						: BenchConfig.smoke(root, Path.of((rest.length > 1) ? rest[1] : "benchmarks/target/smoke"));
				new Suite(config, Jars.find(root), Clock.systemUTC()).run("scripts/bench.sh");
				System.exit(0);
			}
			default -> {
				System.err.println("usage: run|smoke [root] [out] | ws-node <i> <ports> <control> | bare-http <port>");
				System.exit(2);
			}
		}
	}

}
