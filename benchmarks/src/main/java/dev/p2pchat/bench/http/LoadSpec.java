package dev.p2pchat.bench.http;

import java.time.Duration;

/**
 * What a {@link LoadGenerator} does on each of its connections.
 *
 * @param port the target port on 127.0.0.1
 * @param connections keep-alive connections, one blocking thread each
 * @param depth requests in flight per connection (HTTP/1.1 pipelining)
 * @param requestsPerConnection requests each connection sends at most
 * @param maxDuration when each connection stops, whatever it has sent
 * @param ratePerSecond requests per second per connection, or 0 for as fast as possible
 * @param requests the request bytes for connection and sequence number
 * @param onResponse called on the connection's thread after each response
 */
public record LoadSpec(int port, int connections, int depth, int requestsPerConnection, Duration maxDuration,
		int ratePerSecond, RequestFactory requests, ResponseListener onResponse) {

	public LoadSpec {
		if (connections < 1 || depth < 1 || requestsPerConnection < 0) {
			throw new IllegalArgumentException("connections and depth must be positive");
		}
	}

	/** Makes the request for one sequence number of one connection. */
	@FunctionalInterface
	public interface RequestFactory {

		byte[] request(int connection, int seq);

	}

	/** Observes one response. */
	@FunctionalInterface
	public interface ResponseListener {

		ResponseListener NONE = (connection, seq, nanos, head) -> {
		};

		void onResponse(int connection, int seq, long nanos, HttpHead head);

	}

}
