package dev.p2pchat.nemesis;

import java.time.Duration;

/**
 * What happens to the bytes going one way between two nodes: a blackhole (a cut), or
 * chunks (what one {@code read} returns, the TCP proxy's unit) dropped, duplicated or
 * reordered with a probability each, delayed (with jitter, order kept) and throttled.
 *
 * @param blackhole every chunk is discarded and new connections are held, never forwarded
 * @param drop probability that a chunk is discarded
 * @param duplicate probability that a chunk is sent twice
 * @param reorder probability that a chunk is held back and sent after the next one
 * @param delay added to every chunk
 * @param jitter up to this much more, at random, per chunk (order is kept)
 * @param bytesPerSecond a slow consumer: at most this rate (0 = unlimited)
 */
public record Faults(boolean blackhole, double drop, double duplicate, double reorder, Duration delay, Duration jitter,
		long bytesPerSecond) {

	public static final Faults NONE = new Faults(false, 0, 0, 0, Duration.ZERO, Duration.ZERO, 0);

	public static final Faults CUT = new Faults(true, 0, 0, 0, Duration.ZERO, Duration.ZERO, 0);

	static Faults frames(double drop, double duplicate, double reorder) {
		return new Faults(false, drop, duplicate, reorder, Duration.ZERO, Duration.ZERO, 0);
	}

	static Faults delayed(Duration delay, Duration jitter) {
		return new Faults(false, 0, 0, 0, delay, jitter, 0);
	}

	static Faults slow(long bytesPerSecond) {
		return new Faults(false, 0, 0, 0, Duration.ZERO, Duration.ZERO, bytesPerSecond);
	}

	/** Both at once: the worse of each. */
	Faults and(Faults other) {
		long rate = (this.bytesPerSecond == 0) ? other.bytesPerSecond : (other.bytesPerSecond == 0)
				? this.bytesPerSecond : Math.min(this.bytesPerSecond, other.bytesPerSecond);
		return new Faults(this.blackhole || other.blackhole, Math.max(this.drop, other.drop),
				Math.max(this.duplicate, other.duplicate), Math.max(this.reorder, other.reorder),
				max(this.delay, other.delay), max(this.jitter, other.jitter), rate);
	}

	boolean none() {
		return equals(NONE);
	}

	private static Duration max(Duration a, Duration b) {
		return (a.compareTo(b) >= 0) ? a : b;
	}

}
