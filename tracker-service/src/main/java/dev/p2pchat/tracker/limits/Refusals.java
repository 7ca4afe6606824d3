package dev.p2pchat.tracker.limits;

import io.micrometer.core.instrument.MeterRegistry;

import dev.p2pchat.weblimits.RefusalCounter;

/**
 * Counts what the tracker refused before serving it ({@code p2pchat.http.refused}) by a
 * reason from a fixed set; every reason is registered at start. Thread-safe.
 */
public final class Refusals extends RefusalCounter<Refusals.Reason> {

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
		CONNECTIONS_PER_ADDRESS

	}

	/**
	 * Registers the counters.
	 * @param meters the registry
	 */
	public Refusals(MeterRegistry meters) {
		super(meters, "p2pchat.http.refused", Reason.class);
	}

}
