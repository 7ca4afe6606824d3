package dev.p2pchat.peer.mesh;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps a peer from flooding this one's log: of the warnings with one key (a peer and a
 * reason), the first is logged, later ones at most once per period, each saying how many
 * were left out since. Keys are bounded; past the bound they share one. Thread-safe.
 */
final class RepeatedWarnings {

	/** Sentinel of {@link #admit}: do not log this one. */
	static final int SUPPRESS = -1;

	private static final String OTHERS = "(others)";

	private final Clock clock;

	private final Duration period;

	private final int maxKeys;

	private final Map<String, Window> windows = new ConcurrentHashMap<>();

	private static final class Window {

		Instant logged;

		int suppressed;

		Window(Instant logged) {
			this.logged = logged;
		}

	}

	RepeatedWarnings(Clock clock, Duration period, int maxKeys) {
		this.clock = clock;
		this.period = period;
		this.maxKeys = maxKeys;
	}

	/**
	 * @return {@link #SUPPRESS} when this warning must not be logged, otherwise how many
	 * with this key were left out since the last one logged
	 */
	int admit(String peer, String reason) {
		String key = peer + " " + reason;
		if (!this.windows.containsKey(key) && this.windows.size() >= this.maxKeys) {
			sweep();
			key = (this.windows.size() >= this.maxKeys) ? OTHERS : key;
		}
		Instant now = this.clock.instant();
		int[] result = new int[1];
		this.windows.compute(key, (ignored, window) -> {
			if (window == null) {
				result[0] = 0;
				return new Window(now);
			}
			if (now.isBefore(window.logged.plus(this.period))) {
				window.suppressed++;
				result[0] = SUPPRESS;
				return window;
			}
			result[0] = window.suppressed;
			window.suppressed = 0;
			window.logged = now;
			return window;
		});
		return result[0];
	}

	/** Forgets keys quiet for a period (done when the keys reach their bound). */
	void sweep() {
		Instant cutoff = this.clock.instant().minus(this.period);
		this.windows.entrySet()
			.removeIf((entry) -> entry.getValue().suppressed == 0 && entry.getValue().logged.isBefore(cutoff));
	}

}
