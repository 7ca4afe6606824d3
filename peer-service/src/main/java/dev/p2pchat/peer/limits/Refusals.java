package dev.p2pchat.peer.limits;

import io.micrometer.core.instrument.MeterRegistry;

import dev.p2pchat.weblimits.RefusalCounter;

/**
 * Counts requests and connections this peer refused before serving them
 * ({@code p2pchat.http.refused}), by a reason from a fixed set, so that the series stay
 * few whatever clients send. Every reason is registered at start. Thread-safe.
 */
public final class Refusals extends RefusalCounter<Refusals.Reason> {

	/** Why a request or connection was refused. */
	public enum Reason {

		/** No or a wrong owner's token (401). */
		UNAUTHORIZED,
		/** A session's unsafe request without its CSRF token, or another 403. */
		FORBIDDEN,
		/** Refused by the firewall: a foreign {@code Host}, an odd path (400). */
		REJECTED,
		/** An address or body that is not strictly valid UTF-8 (400). */
		BAD_ENCODING,
		/** Too many renames or upgrades in a short time (429). */
		RATE_LIMITED,
		/**
		 * More connections from one client address than it may hold (closed at accept).
		 */
		CONNECTIONS_PER_ADDRESS

	}

	public Refusals(MeterRegistry meters) {
		super(meters, "p2pchat.http.refused", Reason.class);
	}

}
