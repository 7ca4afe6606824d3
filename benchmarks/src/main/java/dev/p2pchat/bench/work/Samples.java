package dev.p2pchat.bench.work;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The value of each named figure in each run; NaN where a run did not measure it.
 */
final class Samples {

	private final int runs;

	private final Map<String, double[]> values = new LinkedHashMap<>();

	Samples(int runs) {
		this.runs = runs;
	}

	void put(String name, int run, double value) {
		this.values.computeIfAbsent(name, (n) -> {
			double[] fresh = new double[this.runs];
			Arrays.fill(fresh, Double.NaN);
			return fresh;
		})[run] = value;
	}

	void add(String name, int run, double value) {
		double[] current = get(name);
		put(name, run, (Double.isNaN(current[run]) ? 0 : current[run]) + value);
	}

	double[] get(String name) {
		double[] found = this.values.get(name);
		if (found == null) {
			found = new double[this.runs];
			Arrays.fill(found, Double.NaN);
		}
		return found;
	}

	boolean has(String name) {
		return this.values.containsKey(name);
	}

	/** The sum over the runs, ignoring NaN. */
	long total(String name) {
		return (long) Arrays.stream(get(name)).filter((v) -> !Double.isNaN(v)).sum();
	}

}
