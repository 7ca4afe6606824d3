package dev.p2pchat.peer.tracker;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.web.client.RestClient;

import dev.p2pchat.peer.TestClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link TrackerClient} over real HTTP with two tracker URLs: a tracker that is down or
 * answers 5xx is skipped for the next, then left alone for its pause; a 4xx is an answer.
 */
class TrackerFailoverTests {

	private final TestClock clock = new TestClock(Instant.parse("2026-12-01T00:00:00Z"));

	private final Fake first = new Fake(503, "{\"type\":\"urn:p2pchat:store-unavailable\"}");

	private final Fake second = new Fake(200, "[]");

	@AfterEach
	void stop() {
		this.first.server.stop(0);
		this.second.server.stop(0);
	}

	@Test
	void listWhenFirstAnswers503GoesToTheSecondAndLeavesTheFirstAloneForItsPause() {
		TrackerClient client = client(this.first.url(), this.second.url());

		assertThat(client.list()).isEmpty();
		assertThat(client.list()).isEmpty();

		assertThat(this.first.hits).hasValue(1);
		assertThat(this.second.hits).hasValue(2);
		this.clock.advance(TrackerUrls.MIN_PAUSE);
		assertThat(client.list()).isEmpty();
		assertThat(this.first.hits).hasValue(2);
	}

	@Test
	void listWhenFirstIsDownGoesToTheSecond() throws IOException {
		TrackerClient client = client(closedPort(), this.second.url());

		assertThat(client.list()).isEmpty();

		assertThat(this.second.hits).hasValue(1);
	}

	@Test
	void renewWhenTheAnswerIs404DoesNotFailOver() {
		Fake gone = new Fake(404, "{}");
		try {
			TrackerClient client = client(gone.url(), this.second.url());

			assertThatExceptionOfType(LeaseLostException.class).isThrownBy(() -> client.renew("p1", "token"));
			assertThat(this.second.hits).hasValue(0);
		}
		finally {
			gone.server.stop(0);
		}
	}

	@Test
	void listWhenEveryTrackerIsDownIsUnavailable() throws IOException {
		TrackerClient client = client(closedPort(), closedPort());

		assertThatExceptionOfType(TrackerUnavailableException.class).isThrownBy(client::list);
	}

	private TrackerClient client(URI... urls) {
		return new TrackerClient(RestClient.builder(), new TrackerUrls(List.of(urls), this.clock),
				Duration.ofSeconds(2), null);
	}

	private static URI closedPort() throws IOException {
		try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return URI.create("http://127.0.0.1:" + socket.getLocalPort());
		}
	}

	/** A tracker that answers every request with one status and body, and counts them. */
	private static final class Fake {

		final AtomicInteger hits = new AtomicInteger();

		final HttpServer server;

		Fake(int status, String body) {
			try {
				this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
			this.server.createContext("/", (exchange) -> {
				this.hits.incrementAndGet();
				byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().add("Content-Type", "application/json");
				exchange.sendResponseHeaders(status, bytes.length);
				exchange.getResponseBody().write(bytes);
				exchange.close();
			});
			this.server.start();
		}

		URI url() {
			return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
		}

	}

}
