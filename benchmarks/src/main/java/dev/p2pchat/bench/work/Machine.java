package dev.p2pchat.bench.work;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Facts about this machine and JVM for the report. */
final class Machine {

	private Machine() {
	}

	static String describe() {
		String cpu = grep("/proc/cpuinfo", "model name").replaceFirst(".*:\\s*", "");
		String memory = grep("/proc/meminfo", "MemTotal").replaceAll("[^0-9]", "");
		double gib = memory.isEmpty() ? Double.NaN : Long.parseLong(memory) / (1024.0 * 1024);
		return String.format(Locale.ROOT, "%d cores (%s), %.1f GiB RAM, Linux %s",
				Runtime.getRuntime().availableProcessors(), cpu, gib, read("/proc/sys/kernel/osrelease").strip());
	}

	static String jdk() {
		return System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " "
				+ System.getProperty("java.runtime.version");
	}

	/** The 1, 5 and 15 minute load averages. */
	static String load() {
		String[] fields = read("/proc/loadavg").split(" ");
		return (fields.length >= 3) ? fields[0] + " " + fields[1] + " " + fields[2] : "unknown";
	}

	private static String grep(String file, String prefix) {
		return read(file).lines().filter((l) -> l.startsWith(prefix)).findFirst().orElse("");
	}

	private static String read(String file) {
		try {
			return Files.readString(Path.of(file));
		}
		catch (IOException ex) {
			return "";
		}
	}

}
