package dev.p2pchat.bench.report;

import java.util.List;
import java.util.Locale;

/**
 * Writes {@code benchmarks.md}: how and where it was measured, then one table row per
 * figure.
 */
public final class MarkdownReport {

	/** Where the hand-written analysis starts; it survives regeneration. */
	public static final String ANALYSIS_START = "<!-- analysis: hand-written, kept when the tool rewrites this file -->";

	/** Where the hand-written analysis ends. */
	public static final String ANALYSIS_END = "<!-- end of analysis -->";

	private MarkdownReport() {
	}

	/**
	 * The hand-written analysis block of an earlier report, markers included.
	 * @param previous the earlier report, or empty
	 * @return the block, or an empty block
	 */
	public static String analysis(String previous) {
		int start = previous.indexOf(ANALYSIS_START);
		int end = previous.indexOf(ANALYSIS_END);
		if (start < 0 || end < start) {
			return ANALYSIS_START + "\n" + ANALYSIS_END + "\n";
		}
		return previous.substring(start, end + ANALYSIS_END.length()) + "\n";
	}

	/**
	 * Renders the report.
	 * @param header the Markdown above the table (title, machine, JDK, date, commands)
	 * @param results the figures and notes
	 * @param chartFile the chart's file name, relative to the report
	 * @param analysis the hand-written analysis block to keep
	 * @return the Markdown document
	 */
	public static String render(String header, Results results, String chartFile, String analysis) {
		var md = new StringBuilder(header);
		md.append("\n| workload | metric | median | min | max | limit (median) | ratio to limit | target | met |\n");
		md.append("|---|---|---:|---:|---:|---|---:|---|---|\n");
		for (Figure f : results.figures()) {
			Stats s = f.stats();
			Stats limit = f.limitStats();
			String limitCell = (limit != null) ? f.limitName() + " " + number(limit.median()) : "";
			String ratio = Double.isNaN(f.ratio()) ? "" : String.format(Locale.ROOT, "%.2f", f.ratio());
			String met = (f.met() == null) ? "" : (f.met() ? "yes" : "**no**");
			md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s |%n", f.workload(),
					f.metric(), number(s.median()), number(s.min()), number(s.max()), limitCell, ratio, f.target(),
					met));
		}
		md.append("\n![latency CDF and throughput bars](").append(chartFile).append(")\n");
		List<String> notes = results.notes();
		if (!notes.isEmpty()) {
			md.append("\n## Notes from this run\n\n");
			notes.forEach((note) -> md.append("- ").append(note).append('\n'));
		}
		md.append('\n').append(analysis);
		return md.toString();
	}

	/**
	 * Formats a figure for the table.
	 * @param value the value
	 * @return it with sensible precision
	 */
	public static String number(double value) {
		if (Double.isNaN(value)) {
			return "n/a";
		}
		if (Math.abs(value) >= 100) {
			return String.format(Locale.ROOT, "%,.0f", value);
		}
		return (Math.abs(value) >= 10) ? String.format(Locale.ROOT, "%.1f", value)
				: String.format(Locale.ROOT, "%.3f", value);
	}

}
