package dev.p2pchat.peer.messaging;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lets at most one event per key through per interval; the others are dropped. A clock
 * that goes back opens the gate. Thread-safe.
 */
final class RateGate {

	private final Duration every;

	private final Clock clock;

	private final Map<String, Instant> last = new ConcurrentHashMap<>();

	RateGate(Duration every, Clock clock) {
		this.every = every;
		this.clock = clock;
	}

	/**
	 * True (and the key's interval starts now) when the key's last pass is old enough.
	 */
	boolean pass(String key) {
		Instant now = this.clock.instant();
		boolean[] pass = new boolean[1];
		this.last.compute(key, (k, previous) -> {
			pass[0] = previous == null || !now.isBefore(previous.plus(this.every)) || now.isBefore(previous);
			return pass[0] ? now : previous;
		});
		return pass[0];
	}

}
