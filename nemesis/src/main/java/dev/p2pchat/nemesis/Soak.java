package dev.p2pchat.nemesis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

/**
 * The long run ({@code scripts/soak.sh}): one phase of {@code --minutes} of faults on
 * five peers, then the check; the report goes to {@code --work}, and with
 * {@code --docs=docs/reliability.md} its summary replaces the section between the
 * {@code soak:begin} and {@code soak:end} markers there. Exits 1 when the check fails.
 */
public final class Soak {

	private static final String BEGIN = "<!-- soak:begin -->";

	private static final String END = "<!-- soak:end -->";

	private Soak() {
	}

	public static void main(String[] args) throws IOException {
		Map<String, String> options = new HashMap<>();
		for (String arg : args) {
			String[] pair = arg.replaceFirst("^--", "").split("=", 2);
			options.put(pair[0], (pair.length > 1) ? pair[1] : "true");
		}
		long seed = Long.parseLong(options.getOrDefault("seed", Long.toString(System.nanoTime() % 1_000_000)));
		int minutes = Integer.parseInt(options.getOrDefault("minutes", "30"));
		int peers = Integer.parseInt(options.getOrDefault("peers", "5"));
		double rate = Double.parseDouble(options.getOrDefault("rate", "6"));
		Path work = Path.of(options.getOrDefault("work", "nemesis/target/soak"));
		var settings = new Cluster.Settings(Path.of(options.getOrDefault("tracker-jar", "")),
				Path.of(options.getOrDefault("peer-jar", "")), peers, work.resolve("seed-" + seed),
				"true".equalsIgnoreCase(System.getenv("CI")));
		var plan = new NemesisRun.Plan(seed, Duration.ofMinutes(minutes), rate, 4,
				new Nemesis.Settings(Duration.ofSeconds(3), Duration.ofSeconds(15), Duration.ofSeconds(2), 2));
		Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		NemesisRun.Result result;
		try (Cluster cluster = Cluster.start(settings)) {
			result = new NemesisRun(cluster).phase(plan);
		}
		if (options.containsKey("docs")) {
			summarize(Path.of(options.get("docs")), result, started);
		}
		System.exit(result.verdict().passed() ? 0 : 1);
	}

	private static void summarize(Path docs, NemesisRun.Result result, Instant started) throws IOException {
		String text = Files.readString(docs);
		int begin = text.indexOf(BEGIN);
		int end = text.indexOf(END);
		if (begin < 0 || end < begin) {
			System.out.println("nemesis: no " + BEGIN + " … " + END + " section in " + docs + "; not updated");
			return;
		}
		// the figures only: the failure combinations and the timeline stay in the report
		// file
		String report = result.text().replaceFirst("^# [^\n]*\n", "");
		for (String tail : new String[] { "Failed deliveries of this phase", "Timeline (seconds" }) {
			int at = report.indexOf(tail);
			if (at >= 0) {
				report = report.substring(0, at);
			}
		}
		String section = BEGIN + "\n" + "Latest soak: started " + started + ", `scripts/soak.sh --minutes="
				+ result.plan().faults().toMinutes() + " --seed=" + result.plan().seed() + "`.\n"
				+ report.replace("\n## ", "\n#### ").strip()
				+ "\n\nThe failure causes and the fault timeline: the report file, " + "`nemesis/target/soak/seed-"
				+ result.plan().seed() + "/report-" + result.plan().seed() + ".md`.\n" + END;
		Files.writeString(docs, text.substring(0, begin) + section + text.substring(end + END.length()));
	}

}
