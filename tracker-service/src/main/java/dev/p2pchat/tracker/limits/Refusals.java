package dev.p2pchat.tracker.limits;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts what the tracker refused before serving it ({@code p2pchat.http.refused}) by a
 * reason from a fixed set; every reason is registered at start. Thread-safe.
 */
public final class Refusals {

	/** Why a request or connection was refused. */
	public enum Reason {

		/** An address or body that is not strictly valid UTF-8 (400). */
		BAD_ENCODING,
		/** Too many registrations or renames from one address (429). */
		RATE_LIMITED,
		/**
		 * Refused by Tomcat itself: a malformed request line or header (400, 413,
		 * 431...).
		 */
		MALFORMED,
		/**
		 * More connections from one client address than it may hold (closed at accept).
		 */
		CONNECTIONS_PER_ADDRESS;

		String tag() {
			return name().toLowerCase(Locale.ROOT).replace('_', '-');
		}

	}

	private final Map<Reason, Counter> counters = new EnumMap<>(Reason.class);

	/**
	 * Registers the counters.
	 * @param meters the registry
	 */
	public Refusals(MeterRegistry meters) {
		for (Reason reason : Reason.values()) {
			this.counters.put(reason,
					Counter.builder("p2pchat.http.refused")
						.description("requests and connections refused before they were served, by reason")
						.tag("reason", reason.tag())
						.register(meters));
		}
	}

	/**
	 * Counts one refusal.
	 * @param reason why
	 */
	public void refused(Reason reason) {
		this.counters.get(reason).increment();
	}

}
