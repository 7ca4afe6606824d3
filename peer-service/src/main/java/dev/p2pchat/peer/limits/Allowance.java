package dev.p2pchat.peer.limits;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * At most {@code max} uses in any {@code period} (a sliding window of the last uses).
 * Thread-safe.
 */
public final class Allowance {

	private final int max;

	private final Duration period;

	private final Clock clock;

	private final Deque<Instant> uses = new ArrayDeque<>();

	public Allowance(int max, Duration period, Clock clock) {
		this.max = max;
		this.period = period;
		this.clock = clock;
	}

	/**
	 * Takes one use: empty when taken, else how long until the next one may pass.
	 */
	public synchronized Optional<Duration> take() {
		Instant now = this.clock.instant();
		while (!this.uses.isEmpty() && !now.isBefore(this.uses.peekFirst().plus(this.period))) {
			this.uses.removeFirst();
		}
		if (this.uses.size() >= this.max) {
			return Optional.of(Duration.between(now, this.uses.peekFirst().plus(this.period)));
		}
		this.uses.addLast(now);
		return Optional.empty();
	}

}
