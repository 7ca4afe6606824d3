package dev.p2pchat.peer.it;

import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The peer's bounds under abuse, over real HTTP: live-stream subscribers, request bodies,
 * request lines and headers; and the fast path for sends behind the security chain.
 */
class AbuseLimitsIT {

	private static final int MAX_SUBSCRIBERS = 3;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private static TrackerProcess tracker;

	private static TestPeer alice;

	@BeforeAll
	static void start() {
		tracker = TrackerProcess.start();
		// a gone subscriber is noticed at the next write: keep-alives every second
		alice = TestPeer.start("alice", tracker.url(), Map.of("p2pchat.peer.stream.max-subscribers", MAX_SUBSCRIBERS,
				"p2pchat.peer.http.max-body-size", "64KB", "p2pchat.peer.stream.keep-alive", "1s"));
	}

	@AfterAll
	static void stop() {
		if (alice != null) {
			alice.close();
		}
		if (tracker != null) {
			tracker.close();
		}
	}

	@Test
	void subscribeWhenOverTheBoundIsRefusedWhileTheOwnerStillPosts() throws Exception {
		List<InputStream> open = new ArrayList<>();
		try {
			for (int i = 0; i < MAX_SUBSCRIBERS; i++) {
				HttpResponse<InputStream> stream = subscribe();
				open.add(stream.body());
				assertThat(stream.statusCode()).isEqualTo(200);
			}

			HttpResponse<InputStream> refused = subscribe();
			String problem = new String(refused.body().readAllBytes());
			long started = System.nanoTime();
			var sent = alice.post("/messages", "{\"text\":\"still here\"}");
			Duration took = Duration.ofNanos(System.nanoTime() - started);

			assertThat(refused.statusCode()).isEqualTo(503);
			assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(refused.headers().firstValue("Retry-After")).isPresent();
			assertThat(JSON.readTree(problem).path("type").asString()).isEqualTo("urn:p2pchat:stream-full");
			assertThat(sent.getStatusCode().value()).isEqualTo(202);
			assertThat(took).isLessThan(Duration.ofSeconds(1));
		}
		finally {
			for (InputStream stream : open) {
				stream.close();
			}
		}
		// the places are given back when the subscribers go
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			HttpResponse<InputStream> again = subscribe();
			try (InputStream body = again.body()) {
				assertThat(again.statusCode()).isEqualTo(200);
			}
		});
	}

	@Test
	void sendWhenBodyIs100MegabytesIsRefusedBeforeReadingIt() {
		// only the head is sent: an answer proves that the body was never waited for
		String answer = RawHttp.exchange(alice.url(),
				"POST /messages HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + alice.token()
						+ "\r\nContent-Type: application/json\r\nContent-Length: 104857600\r\n\r\n{\"text\":\"");

		assertThat(RawHttp.status(answer)).isEqualTo(413);
		assertThat(answer).contains("Content-Type: application/problem+json", "urn:p2pchat:too-large");
	}

	@Test
	void sendWhenChunkedBodyPassesTheLimitIsRefused() throws Exception {
		byte[] big = ("{\"text\":\"" + "x".repeat(70_000) + "\"}").getBytes();
		var request = HttpRequest.newBuilder(alice.url().resolve("/messages"))
			.header("Authorization", "Bearer " + alice.token())
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big)))
			.build();

		HttpResponse<String> answer = HTTP.send(request, BodyHandlers.ofString());

		assertThat(answer.statusCode()).isEqualTo(413);
		assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
	}

	@Test
	void requestWhenUrlIsTooLongAnswersProblemJson() {
		String answer = RawHttp.exchange(alice.url(), "GET /messages?limit=" + "9".repeat(20_000)
				+ " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");

		assertThat(RawHttp.status(answer)).isBetween(400, 431);
		assertThat(answer).contains("Content-Type: application/problem+json").doesNotContain("<html", "99999");
	}

	@Test
	void requestWhenHeadersAreTooLargeAnswersProblemJson() {
		String answer = RawHttp.exchange(alice.url(), "GET /me HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: "
				+ "y".repeat(20_000) + "\r\nConnection: close\r\n\r\n");

		assertThat(RawHttp.status(answer)).isBetween(400, 431);
		assertThat(answer).contains("Content-Type: application/problem+json").doesNotContain("<html", "yyyyy");
	}

	@Test
	void requestWhenRequestLineIsMalformedAnswersProblemJson() {
		String answer = RawHttp.exchange(alice.url(), "GET /me{}<> HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");

		assertThat(RawHttp.status(answer)).isEqualTo(400);
		assertThat(answer).contains("Content-Type: application/problem+json").doesNotContain("<html");
	}

	@Test
	void sendWhenUnauthenticatedNeverReachesTheFastPath() throws Exception {
		// a body the fast path accepts as it is: only the security chain stands between
		String text = "fast path probe " + UUID.randomUUID();
		var request = HttpRequest.newBuilder(alice.url().resolve("/messages"))
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString("{\"text\":\"" + text + "\"}"))
			.build();

		HttpResponse<String> answer = HTTP.send(request, BodyHandlers.ofString());

		assertThat(answer.statusCode()).isEqualTo(401);
		assertThat(answer.body()).doesNotContain(text);
		assertThat(alice.get("/messages?limit=1000").getBody()).doesNotContain(text);
	}

	private static HttpResponse<InputStream> subscribe() throws Exception {
		return HTTP.send(HttpRequest.newBuilder(alice.url().resolve("/messages/stream"))
			.header("Authorization", "Bearer " + alice.token())
			.header("Accept", "text/event-stream")
			.build(), BodyHandlers.ofInputStream());
	}

}
