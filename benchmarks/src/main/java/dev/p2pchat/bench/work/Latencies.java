package dev.p2pchat.bench.work;

import java.util.Arrays;
import java.util.List;

import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;

/**
 * One-way latencies of a paced run, all receivers together, sorted.
 *
 * @param sortedMicros every delivered message's latency in microseconds, ascending
 * @param lost deliveries that did not happen
 * @param histogram the same latencies in an HdrHistogram (3 significant digits), which
 * then gives the percentiles; {@code null} for the nearest-rank percentiles of
 * {@code sortedMicros}
 */
record Latencies(long[] sortedMicros, long lost, @Nullable Histogram histogram) {

	/** Highest latency a histogram tracks: one minute. */
	private static final long MAX_MICROS = 60_000_000L;

	Latencies(long[] sortedMicros, long lost) {
		this(sortedMicros, lost, null);
	}

	static Latencies of(List<long[]> perReceiver, long lost) {
		long[] all = perReceiver.stream().flatMapToLong(Arrays::stream).sorted().toArray();
		return new Latencies(all, lost);
	}

	/**
	 * Latencies measured from each message's slot in the send schedule, so that a late
	 * send counts against the system (no coordinated omission), recorded in an
	 * HdrHistogram.
	 * @throws IllegalArgumentException for a negative latency: an arrival before its slot
	 * means the two times were not taken on one clock
	 */
	static Latencies ofHistogram(List<long[]> perReceiver, long lost) {
		long[] all = perReceiver.stream().flatMapToLong(Arrays::stream).sorted().toArray();
		var histogram = new Histogram(MAX_MICROS, 3);
		for (long micros : all) {
			if (micros < 0) {
				throw new IllegalArgumentException("a latency of " + micros + " µs: arrival before its send slot");
			}
			histogram.recordValue(Math.min(micros, MAX_MICROS));
		}
		return new Latencies(all, lost, histogram);
	}

	/**
	 * A percentile: from the histogram when there is one, else by the nearest-rank
	 * method.
	 * @param p the percentile, 0 to 100
	 * @return the latency in milliseconds, or NaN without samples
	 */
	double percentileMillis(double p) {
		if (this.sortedMicros.length == 0) {
			return Double.NaN;
		}
		if (this.histogram != null) {
			return ((p >= 100) ? this.histogram.getMaxValue() : this.histogram.getValueAtPercentile(p)) / 1000.0;
		}
		int rank = (int) Math.ceil(p / 100 * this.sortedMicros.length);
		return this.sortedMicros[Math.clamp(rank - 1, 0, this.sortedMicros.length - 1)] / 1000.0;
	}

}
