package dev.p2pchat.nemesis;

import org.jspecify.annotations.Nullable;

/**
 * One client request, {@code POST /messages} to {@code sender}, with what came of it.
 *
 * @param seq the workload's number of the request
 * @param sender the peer the request went to
 * @param to the recipient's username, or null for a broadcast
 * @param text the text, unique per request: how a shown message is matched to its request
 * @param startNanos when it was sent ({@link System#nanoTime()})
 * @param endNanos when its answer (or the timeout) came
 * @param outcome what the client knows
 * @param status the HTTP status, -1 connection refused, -2 no answer
 * @param id the message id of a 202
 * @param duringFault whether a fault was active when it was sent
 */
public record Op(long seq, String sender, @Nullable String to, String text, long startNanos, long endNanos,
		Outcome outcome, int status, @Nullable String id, boolean duringFault) {

	/** What the client learnt from a request, as Jepsen's ok / fail / info. */
	public enum Outcome {

		/** 202 with an id: the peer promised to deliver it or mark it failed. */
		OK,

		/**
		 * Refused for sure (a 4xx, or the connection refused): it must never be shown.
		 */
		REFUSED,

		/**
		 * No answer in time, a broken connection or a 5xx: it may or may not be shown.
		 */
		UNKNOWN

	}

	public long latencyMillis() {
		return (this.endNanos - this.startNanos) / 1_000_000;
	}

}
