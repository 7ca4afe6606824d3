package dev.p2pchat.bench.node;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What one receiver saw of one run: distinct, duplicated and out-of-order messages per
 * stream, the arrival time of the last one and the one-way latency of each. Thread-safe;
 * completes {@link #complete()} when every expected message has arrived once.
 */
public final class Tally {

	private final int run;

	private final Map<Integer, Integer> expected;

	private final int expectedTotal;

	private final BitSet[] seen;

	private final int[] lastSeq;

	private final long[] latencyNanos;

	private final long[][] arrivals;

	private final ReentrantLock lock = new ReentrantLock();

	private final CompletableFuture<Tally> complete = new CompletableFuture<>();

	private int distinct;

	private int duplicates;

	private int outOfOrder;

	private long lastArrivalNanos;

	/**
	 * Creates a tally.
	 * @param run the run to count; other runs are ignored
	 * @param expected how many messages each stream will send to this receiver
	 */
	public Tally(int run, Map<Integer, Integer> expected) {
		this.run = run;
		this.expected = Map.copyOf(expected);
		this.expectedTotal = expected.values().stream().mapToInt(Integer::intValue).sum();
		int streams = expected.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
		this.seen = new BitSet[streams];
		this.lastSeq = new int[streams];
		Arrays.fill(this.lastSeq, -1);
		this.latencyNanos = new long[this.expectedTotal];
		this.arrivals = new long[streams][];
		expected.forEach((stream, count) -> this.arrivals[stream] = new long[count]);
		if (this.expectedTotal == 0) {
			this.complete.complete(this);
		}
	}

	/**
	 * Counts one arrival.
	 * @param text the delivered chat text
	 * @param arrivalNanos {@link System#nanoTime()} at delivery
	 */
	public void accept(CharSequence text, long arrivalNanos) {
		Payload payload = Payload.parse(text);
		if (payload == null || payload.run() != this.run || !this.expected.containsKey(payload.stream())) {
			return;
		}
		boolean done;
		this.lock.lock();
		try {
			count(payload, arrivalNanos);
			done = this.distinct == this.expectedTotal;
		}
		finally {
			this.lock.unlock();
		}
		if (done) {
			this.complete.complete(this);
		}
	}

	private void count(Payload payload, long arrivalNanos) {
		int stream = payload.stream();
		BitSet bits = (this.seen[stream] != null) ? this.seen[stream] : (this.seen[stream] = new BitSet());
		if (bits.get(payload.seq())) {
			this.duplicates++;
			return;
		}
		bits.set(payload.seq());
		if (payload.seq() < this.lastSeq[stream]) {
			this.outOfOrder++;
		}
		this.lastSeq[stream] = Math.max(this.lastSeq[stream], payload.seq());
		if (payload.seq() < this.arrivals[stream].length) {
			this.arrivals[stream][payload.seq()] = arrivalNanos;
		}
		if (this.distinct < this.latencyNanos.length) {
			this.latencyNanos[this.distinct] = arrivalNanos - payload.sendNanos();
		}
		this.distinct++;
		this.lastArrivalNanos = arrivalNanos;
	}

	/** Completes when every expected message has arrived once. */
	public CompletableFuture<Tally> complete() {
		return this.complete;
	}

	/**
	 * When a message first arrived.
	 * @param stream its stream
	 * @param seq its position in the stream
	 * @return {@link System#nanoTime()} at its first arrival, or 0 when it has not
	 * arrived
	 */
	public long arrivalNanos(int stream, int seq) {
		this.lock.lock();
		try {
			long[] times = this.arrivals[stream];
			return (times != null && seq < times.length) ? times[seq] : 0;
		}
		finally {
			this.lock.unlock();
		}
	}

	/** A consistent copy of the counts so far. */
	public Counts counts() {
		this.lock.lock();
		try {
			return new Counts(this.expectedTotal, this.distinct, this.duplicates, this.outOfOrder,
					this.lastArrivalNanos);
		}
		finally {
			this.lock.unlock();
		}
	}

	/** The one-way latencies of the messages seen once, in arrival order, nanoseconds. */
	public long[] latencies() {
		this.lock.lock();
		try {
			return Arrays.copyOf(this.latencyNanos, this.distinct);
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Counts of one receiver.
	 *
	 * @param expected messages expected
	 * @param distinct messages seen at least once
	 * @param duplicates arrivals of a message already seen
	 * @param outOfOrder messages seen after a later one of their stream
	 * @param lastArrivalNanos {@link System#nanoTime()} of the last first arrival
	 */
	public record Counts(int expected, int distinct, int duplicates, int outOfOrder, long lastArrivalNanos) {

		/** Messages expected but not seen. */
		public int lost() {
			return this.expected - this.distinct;
		}

		/** This as one line of the control protocol. */
		public String line() {
			return this.expected + " " + this.distinct + " " + this.duplicates + " " + this.outOfOrder + " "
					+ this.lastArrivalNanos;
		}

		/**
		 * Parses {@link #line()}.
		 * @param fields the five fields
		 * @return the counts
		 */
		public static Counts parse(String[] fields) {
			return new Counts(Integer.parseInt(fields[0]), Integer.parseInt(fields[1]), Integer.parseInt(fields[2]),
					Integer.parseInt(fields[3]), Long.parseLong(fields[4]));
		}

	}

}
