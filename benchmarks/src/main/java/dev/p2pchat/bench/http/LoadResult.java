package dev.p2pchat.bench.http;

/**
 * What a load generator run did.
 *
 * @param responses responses read
 * @param unexpected responses with a status other than the expected one
 * @param reconnects connections re-opened (server closed keep-alive or failed)
 * @param startNanos {@link System#nanoTime()} before the first request
 * @param endNanos {@link System#nanoTime()} after the last response
 * @param bodyBytes response body bytes read
 */
public record LoadResult(long responses, long unexpected, long reconnects, long startNanos, long endNanos,
		long bodyBytes) {

	/** Responses per second over the whole run. */
	public double perSecond() {
		return this.responses * 1e9 / Math.max(1, this.endNanos - this.startNanos);
	}

}
