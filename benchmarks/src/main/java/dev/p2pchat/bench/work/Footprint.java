package dev.p2pchat.bench.work;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.p2pchat.bench.proc.ServiceProcess;

/**
 * Memory of one service process: RSS from {@code /proc} and used heap from its actuator.
 *
 * @param rssMb resident set size in MiB
 * @param heapMb used heap in MiB ({@code jvm.memory.used}, area heap), NaN when unknown
 */
record Footprint(double rssMb, double heapMb) {

	private static final Pattern VALUE = Pattern.compile("\"value\"\\s*:\\s*([0-9.Ee+-]+)");

	static Footprint of(ServiceProcess process) throws IOException {
		double heap = Double.NaN;
		Matcher value = VALUE.matcher(process.get("/actuator/metrics/jvm.memory.used?tag=area:heap"));
		if (value.find()) {
			heap = Double.parseDouble(value.group(1)) / (1024 * 1024);
		}
		return new Footprint(process.rssBytes() / (1024.0 * 1024), heap);
	}

	static double rssMb(ServiceProcess process) throws IOException {
		return process.rssBytes() / (1024.0 * 1024);
	}

}
