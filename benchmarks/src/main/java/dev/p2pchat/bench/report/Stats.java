package dev.p2pchat.bench.report;

import java.util.Arrays;

/**
 * Median, min and max of the runs of one figure.
 *
 * @param median the median (the mean of the two middle values for an even count)
 * @param min the smallest value
 * @param max the largest value
 */
public record Stats(double median, double min, double max) {

	/**
	 * Summarises values, ignoring NaN.
	 * @param values the runs
	 * @return the summary, all NaN when there are no values
	 */
	public static Stats of(double[] values) {
		double[] sorted = Arrays.stream(values).filter((v) -> !Double.isNaN(v)).sorted().toArray();
		if (sorted.length == 0) {
			return new Stats(Double.NaN, Double.NaN, Double.NaN);
		}
		int mid = sorted.length / 2;
		double median = (sorted.length % 2 == 1) ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
		return new Stats(median, sorted[0], sorted[sorted.length - 1]);
	}

}
