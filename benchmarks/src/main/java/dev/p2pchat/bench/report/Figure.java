package dev.p2pchat.bench.report;

import org.jspecify.annotations.Nullable;

/**
 * One measured figure over the runs, with the limit of its path measured in the same
 * runs.
 *
 * @param workload e.g. {@code W1-api, 1 sender}
 * @param metric e.g. {@code msgs/s}
 * @param runs the value of each run
 * @param limitName the limit it is compared to, or {@code null}
 * @param limitRuns the limit's value in the same runs (same length), or {@code null}
 * @param target the target of issue 6 as text, empty when none
 * @param met whether the target is met, {@code null} when there is none or it cannot be
 * judged
 */
public record Figure(String workload, String metric, double[] runs, @Nullable String limitName,
		double @Nullable [] limitRuns, String target, @Nullable Boolean met) {

	/** A figure without a limit or target. */
	public static Figure plain(String workload, String metric, double[] runs) {
		return new Figure(workload, metric, runs, null, null, "", null);
	}

	/** Its median, min and max. */
	public Stats stats() {
		return Stats.of(this.runs);
	}

	/** The limit's median, min and max, or {@code null}. */
	public @Nullable Stats limitStats() {
		return (this.limitRuns != null) ? Stats.of(this.limitRuns) : null;
	}

	/**
	 * The ratio to the limit: the median over the runs of value / limit within the same
	 * run.
	 * @return the ratio, or NaN without a limit
	 */
	public double ratio() {
		if (this.limitRuns == null) {
			return Double.NaN;
		}
		double[] ratios = new double[this.runs.length];
		for (int i = 0; i < ratios.length; i++) {
			ratios[i] = (i < this.limitRuns.length) ? this.runs[i] / this.limitRuns[i] : Double.NaN;
		}
		return Stats.of(ratios).median();
	}

	/**
	 * This figure with a target judged.
	 * @param target the target as text
	 * @param met whether it is met
	 * @return the new figure
	 */
	public Figure withTarget(String target, boolean met) {
		return new Figure(this.workload, this.metric, this.runs, this.limitName, this.limitRuns, target, met);
	}

}
