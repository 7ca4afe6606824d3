package dev.p2pchat.bench.work;

import java.util.Arrays;
import java.util.List;

/**
 * One-way latencies of a paced run, all receivers together, sorted.
 *
 * @param sortedMicros every delivered message's latency in microseconds, ascending
 * @param lost deliveries that did not happen
 */
record Latencies(long[] sortedMicros, long lost) {

	static Latencies of(List<long[]> perReceiver, long lost) {
		long[] all = perReceiver.stream().flatMapToLong(Arrays::stream).sorted().toArray();
		return new Latencies(all, lost);
	}

	/**
	 * A percentile by the nearest-rank method.
	 * @param p the percentile, 0 to 100
	 * @return the latency in milliseconds, or NaN without samples
	 */
	double percentileMillis(double p) {
		if (this.sortedMicros.length == 0) {
			return Double.NaN;
		}
		int rank = (int) Math.ceil(p / 100 * this.sortedMicros.length);
		return this.sortedMicros[Math.clamp(rank - 1, 0, this.sortedMicros.length - 1)] / 1000.0;
	}

}
