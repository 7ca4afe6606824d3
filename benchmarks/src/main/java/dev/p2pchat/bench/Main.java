package dev.p2pchat.bench;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.stream.Collectors;

import dev.p2pchat.bench.limit.BareHttpServer;
import dev.p2pchat.bench.limit.TcpMeshNode;
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
 * <li>{@code ws-node ...}, {@code tcp-node ...} and {@code bare-http ...}: the limit
 * processes the tool starts.</li>
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
			case "tcp-node" -> TcpMeshNode.main(rest);
			case "bare-http" -> BareHttpServer.main(rest);
			case "run", "smoke" -> {
				var options = new LinkedHashMap<String, String>();
				var positional = new ArrayList<String>();
				for (String arg : rest) {
					if (arg.startsWith("--") && arg.contains("=")) {
						options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
					}
					else {
						positional.add(arg);
					}
				}
				Path root = Path.of(positional.isEmpty() ? "." : positional.get(0)).toAbsolutePath().normalize();
				BenchConfig preset = command.equals("run") ? BenchConfig.full(root) : BenchConfig.smoke(root,
						Path.of((positional.size() > 1) ? positional.get(1) : "benchmarks/target/smoke"));
				String line = "scripts/bench.sh" + (command.equals("run") ? "" : " smoke")
						+ options.entrySet()
							.stream()
							.map((e) -> " --" + e.getKey() + "=" + e.getValue())
							.collect(Collectors.joining());
				new Suite(preset.with(options), Jars.find(root), Clock.systemUTC()).run(line);
				System.exit(0);
			}
			default -> {
				System.err
					.println("usage: run|smoke [root] [out] [--key=value...] | ws-node|tcp-node <i> <ports> <control>"
							+ " | bare-http <port>");
				System.exit(2);
			}
		}
	}

}
