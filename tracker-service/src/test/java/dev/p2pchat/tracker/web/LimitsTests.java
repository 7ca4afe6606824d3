package dev.p2pchat.tracker.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import dev.p2pchat.tracker.MutableClock;
import dev.p2pchat.tracker.SseReader;
import dev.p2pchat.tracker.TestIdentity;
import dev.p2pchat.tracker.TrackerTestSupport;
import dev.p2pchat.tracker.registry.PeerRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static dev.p2pchat.tracker.web.LoopbackHttp.assertProblem;
import static dev.p2pchat.tracker.web.LoopbackHttp.clientFrom;
import static dev.p2pchat.tracker.web.LoopbackHttp.exchange;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The limits under abuse, with the default rate limit (10 registrations per 2 s per
 * address), a directory of 3 and 2 event streams (Sybil limits out of the way: they have
 * {@code OpenTrackerTests}). Each test speaks from its own loopback address (127.0.0.x),
 * so that their rate limits are independent.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "p2pchat.tracker.max-peers=3", "p2pchat.tracker.max-subscribers=2",
				"p2pchat.tracker.keepalive-interval=200ms", "p2pchat.tracker.sybil.per-address=100000",
				"p2pchat.tracker.sybil.per-prefix=100000" })
@Import(TrackerTestSupport.class)
class LimitsTests {

	@LocalServerPort
	private int port;

	@Autowired
	private MutableClock clock;

	@Autowired
	private PeerRegistry registry;

	private final java.util.concurrent.atomic.AtomicLong nanos = new java.util.concurrent.atomic.AtomicLong();

	@BeforeEach
	void emptyRegistry() {
		TrackerTestSupport.clear(this.clock, this.registry);
	}

	@Test
	void registerWhenFourHundredComeFastFromOneAddressMostAreRefusedWithRetryAfter() throws Exception {
		HttpClient client = clientFrom("127.0.0.77");
		List<String> bodies = new ArrayList<>();
		for (int i = 0; i < 400; i++) {
			bodies.add(TestIdentity.generate().registrationJson("burst" + i, "http://localhost:9/" + i, now()));
		}
		long started = System.nanoTime();

		List<HttpResponse<String>> responses = new ArrayList<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
			List<Future<HttpResponse<String>>> futures = new ArrayList<>();
			for (String body : bodies) {
				futures.add(pool.submit(() -> post(client, body)));
			}
			for (Future<HttpResponse<String>> future : futures) {
				responses.add(future.get());
			}
		}
		Duration took = Duration.ofNanos(System.nanoTime() - started);

		Map<Integer, Long> statuses = responses.stream()
			.collect(Collectors.groupingBy(HttpResponse::statusCode, Collectors.counting()));
		long passed = 400 - statuses.getOrDefault(429, 0L);
		// 10 at once, then 10 per started 2 s; the directory holds 3 of those, the rest
		// get 503
		long allowance = 10 + 10 * (took.toMillis() / 2000 + 1);
		assertThat(passed).as("%s in %s", statuses, took).isLessThanOrEqualTo(allowance);
		assertThat(statuses.getOrDefault(429, 0L)).as("%s in %s", statuses, took).isGreaterThanOrEqualTo(300);
		assertThat(statuses.keySet()).containsOnly(201, 429, 503);
		HttpResponse<String> refused = responses.stream()
			.filter((r) -> r.statusCode() == 429)
			.findFirst()
			.orElseThrow();
		assertThat(refused.headers().firstValue("Retry-After"))
			.hasValueSatisfying((value) -> assertThat(Long.parseLong(value)).isBetween(1L, 2L));
		assertProblem(refused, "urn:p2pchat:too-many-requests");
		assertThat(this.registry.list().peers()).hasSizeLessThanOrEqualTo(3);
	}

	@Test
	void registerWhenDirectoryIsFullRefusesNewPeersButLivePeersRenewAndRegisterAgain() {
		HttpClient client = clientFrom("127.0.0.2");
		List<TestIdentity> members = List.of(TestIdentity.generate(), TestIdentity.generate(), TestIdentity.generate());
		List<String> tokens = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			HttpResponse<String> response = post(client, members.get(i).registrationJson("m" + i, "http://h:1", now()));
			assertThat(response.statusCode()).isEqualTo(201);
			tokens.add(TrackerTestSupport.json(response.body()).get("leaseToken").asString());
		}
		long version = this.registry.list().version();

		HttpResponse<String> refused = post(client,
				TestIdentity.generate().registrationJson("newcomer", "http://h:2", now()));

		assertThat(refused.statusCode()).isEqualTo(503);
		assertThat(refused.headers().firstValue("Retry-After")).isPresent();
		assertProblem(refused, "urn:p2pchat:directory-full");
		assertThat(this.registry.list().version()).isEqualTo(version);
		assertThat(send(client, "PUT", "/peers/" + members.get(0).peerId() + "/lease", tokens.get(0)).statusCode())
			.isEqualTo(200);
		assertThat(post(client, members.get(1).registrationJson("m1", "http://h:1", now())).statusCode())
			.isEqualTo(201);
		assertThat(send(client, "DELETE", "/peers/" + members.get(2).peerId(), tokens.get(2)).statusCode())
			.isEqualTo(204);
		assertThat(post(client, TestIdentity.generate().registrationJson("newcomer", "http://h:2", now())).statusCode())
			.isEqualTo(201);
	}

	@Test
	void eventsWhenAtTheSubscriberBoundRefusesWith503UntilOneCloses() {
		HttpClient client = clientFrom("127.0.0.3");
		SseReader first = SseReader.open(this.port);
		try (SseReader second = SseReader.open(this.port)) {
			await().atMost(Duration.ofSeconds(5))
				.until(() -> first.names().contains("snapshot") && second.names().contains("snapshot"));

			HttpResponse<String> refused = events(client);

			assertThat(refused.statusCode()).isEqualTo(503);
			assertThat(refused.headers().firstValue("Retry-After")).isPresent();
			assertProblem(refused, "urn:p2pchat:too-many-subscribers");
			first.close();
			try (SseReader third = await().atMost(Duration.ofSeconds(10))
				.ignoreExceptions()
				.until(() -> SseReader.open(this.port), (reader) -> reader.response().statusCode() == 200)) {
				await().atMost(Duration.ofSeconds(5)).until(() -> third.names().contains("snapshot"));
			}
		}
	}

	/** A fresh timestamp, so that no two signatures are alike. */
	private java.time.Instant now() {
		return this.clock.instant().plusNanos(this.nanos.incrementAndGet());
	}

	private HttpResponse<String> events(HttpClient client) {
		return exchange(client,
				HttpRequest.newBuilder(uri("/peers/events"))
					.header("Accept", "text/event-stream")
					.timeout(Duration.ofSeconds(10))
					.GET()
					.build());
	}

	private HttpResponse<String> post(HttpClient client, String json) {
		return exchange(client,
				HttpRequest.newBuilder(uri("/peers"))
					.header("Content-Type", "application/json")
					.timeout(Duration.ofSeconds(20))
					.POST(BodyPublishers.ofString(json))
					.build());
	}

	private HttpResponse<String> send(HttpClient client, String method, String path, String token) {
		return exchange(client,
				HttpRequest.newBuilder(uri(path))
					.header("Authorization", "Bearer " + token)
					.method(method, BodyPublishers.noBody())
					.build());
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

}
