package dev.p2pchat.bench.report;

import java.util.List;
import java.util.Locale;

/**
 * A hand-written SVG: on the left the latency CDFs (log time axis), on the right each
 * throughput figure as a bar beside the bar of its limit.
 */
public final class SvgChart {

	private static final String[] COLORS = { "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b" };

	private static final int WIDTH = 1100;

	private static final int HEIGHT = 500;

	private final StringBuilder svg = new StringBuilder();

	/**
	 * Draws the chart.
	 * @param results the results
	 * @param throughput the figures to draw as bars (their medians, and their limits'
	 * medians)
	 * @return the SVG document
	 */
	public static String render(Results results, List<Figure> throughput) {
		var chart = new SvgChart();
		chart.text(
				"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">\n",
				WIDTH, HEIGHT);
		chart.text("<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n");
		chart.cdf(results, 60, 40, 420, 330);
		chart.bars(throughput, 600, 40, 470, 330);
		chart.text("</svg>\n");
		return chart.svg.toString();
	}

	private void cdf(Results results, int x, int y, int w, int h) {
		text("<text x=\"%d\" y=\"%d\" font-size=\"14\" font-weight=\"bold\">Latency CDF at the W2 rate (ms, log scale)</text>\n",
				x, y - 15);
		axes(x, y, w, h);
		double lo = -2;
		double hi = 2;
		for (int decade = (int) lo; decade <= hi; decade++) {
			double px = x + (decade - lo) / (hi - lo) * w;
			text("<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>\n", px, y, px, y + h);
			text("<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>\n", px, y + h + 15,
					label(Math.pow(10, decade)));
		}
		for (int q = 0; q <= 4; q++) {
			double py = y + h - q * h / 4.0;
			text("<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.2f</text>\n", x - 5, py + 4, q / 4.0);
		}
		int series = 0;
		for (String name : results.latencyNames()) {
			long[] micros = results.latencies().get(name);
			if (micros.length == 0) {
				continue;
			}
			var points = new StringBuilder();
			int steps = Math.min(400, micros.length);
			for (int i = 0; i <= steps; i++) {
				int index = Math.min(micros.length - 1, (int) ((long) i * (micros.length - 1) / steps));
				double ms = Math.max(micros[index] / 1000.0, Math.pow(10, lo));
				double px = x + (Math.log10(ms) - lo) / (hi - lo) * w;
				double py = y + h - (double) (index + 1) / micros.length * h;
				points.append(String.format(Locale.ROOT, "%.1f,%.1f ", Math.min(px, x + w), py));
			}
			String color = COLORS[series % COLORS.length];
			text("<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>\n", color, points);
			text("<text x=\"%d\" y=\"%d\" fill=\"%s\">%s</text>\n", x + 10, y + 15 + 15 * series, color, esc(name));
			series++;
		}
	}

	private void bars(List<Figure> figures, int x, int y, int w, int h) {
		text("<text x=\"%d\" y=\"%d\" font-size=\"14\" font-weight=\"bold\">Throughput (median msgs/s or req/s) vs. its limit</text>\n",
				x, y - 15);
		axes(x, y, w, h);
		double max = 1;
		for (Figure f : figures) {
			max = Math.max(max, finite(f.stats().median()));
			Stats limit = f.limitStats();
			max = Math.max(max, (limit != null) ? finite(limit.median()) : 0);
		}
		double slot = (double) w / Math.max(1, figures.size());
		for (int i = 0; i < figures.size(); i++) {
			Figure f = figures.get(i);
			double bx = x + i * slot + slot * 0.1;
			double bw = slot * 0.4;
			bar(bx, y, h, bw, finite(f.stats().median()) / max, COLORS[0]);
			Stats limit = f.limitStats();
			if (limit != null) {
				bar(bx + bw, y, h, bw, finite(limit.median()) / max, "#bbbbbb");
			}
			text("<text transform=\"translate(%.1f,%d) rotate(35)\" font-size=\"10\">%s</text>\n", bx, y + h + 12,
					esc(shortName(f.workload())));
			text("<text x=\"%.1f\" y=\"%.1f\" font-size=\"9\" text-anchor=\"middle\">%s</text>\n", bx + bw / 2,
					y + h - finite(f.stats().median()) / max * h - 3, label(f.stats().median()));
		}
		text("<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/><text x=\"%d\" y=\"%d\">measured</text>\n",
				x + w - 150, y + 5, COLORS[0], x + w - 135, y + 14);
		text("<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"#bbbbbb\"/><text x=\"%d\" y=\"%d\">limit</text>\n",
				x + w - 70, y + 5, x + w - 55, y + 14);
	}

	private void bar(double bx, int y, int h, double bw, double fraction, String color) {
		double bh = fraction * h;
		text("<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>\n", bx, y + h - bh, bw, bh,
				color);
	}

	private void axes(int x, int y, int w, int h) {
		text("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>\n", x, y + h, x + w, y + h);
		text("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>\n", x, y, x, y + h);
	}

	private static String shortName(String workload) {
		int details = workload.indexOf(" (");
		return (details > 0) ? workload.substring(0, details) : workload;
	}

	private static double finite(double value) {
		return Double.isFinite(value) ? value : 0;
	}

	private static String label(double value) {
		if (!Double.isFinite(value)) {
			return "n/a";
		}
		if (value >= 1000) {
			return String.format(Locale.ROOT, "%.0fk", value / 1000);
		}
		return (value >= 1) ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.2f", value);
	}

	private static String esc(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
	}

	private void text(String format, Object... args) {
		this.svg.append(String.format(Locale.ROOT, format, args));
	}

}
