package dev.p2pchat.peer.config;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Capped exponential backoff with jitter: the n-th retry waits a random time between half
 * and all of {@code min * 2^n}, never more than {@code max}. Stateless and thread-safe.
 */
public final class Backoff {

	private final Duration min;

	private final Duration max;

	private final RandomGenerator random;

	public Backoff(PeerProperties.Backoff bounds, RandomGenerator random) {
		this.min = bounds.min();
		this.max = bounds.max();
		this.random = random;
	}

	/**
	 * The delay before retry number {@code attempt} (0 for the first retry).
	 */
	public Duration delay(int attempt) {
		long cap = this.max.toNanos();
		long base = this.min.toNanos();
		for (int i = 0; i < attempt && base < cap; i++) {
			base *= 2;
		}
		base = Math.min(base, cap);
		long half = base / 2;
		return Duration.ofNanos(half + this.random.nextLong(base - half + 1));
	}

}
