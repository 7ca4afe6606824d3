package dev.p2pchat.tracker.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import dev.p2pchat.tracker.MutableClock;
import dev.p2pchat.tracker.TestIdentity;
import dev.p2pchat.tracker.TrackerTestSupport;
import dev.p2pchat.tracker.registry.Peer;
import dev.p2pchat.tracker.registry.PeerRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static dev.p2pchat.tracker.web.LoopbackHttp.assertProblem;
import static dev.p2pchat.tracker.web.LoopbackHttp.clientFrom;
import static dev.p2pchat.tracker.web.LoopbackHttp.exchange;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An open tracker's guards over HTTP, with the default name reservation (10 min) and
 * small Sybil limits: 3 new identities per address and 5 per network per hour (all of
 * loopback is one network). Each test starts with the registry and the windows empty (the
 * clock moves past both).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "p2pchat.tracker.sybil.per-address=3", "p2pchat.tracker.sybil.per-prefix=5",
				"p2pchat.tracker.rate-limit.registrations=1000" })
@Import(TrackerTestSupport.class)
class OpenTrackerTests {

	private static final AtomicLong NANOS = new AtomicLong();

	@LocalServerPort
	private int port;

	@Autowired
	private MutableClock clock;

	@Autowired
	private PeerRegistry registry;

	@BeforeEach
	void emptyRegistry() {
		TrackerTestSupport.clear(this.clock, this.registry);
	}

	@Test
	void registerWhenDepartedPeersNameTakenByAnotherKeyAnswers409NameReservedAndOwnerGetsItBack() {
		HttpClient client = clientFrom("127.0.0.40");
		TestIdentity bob = TestIdentity.generate();
		HttpResponse<String> first = post(client, bob.registrationJson("bob", "http://localhost:9/b", now()));
		String token = TrackerTestSupport.json(first.body()).get("leaseToken").asString();
		assertThat(send(client, "DELETE", "/peers/" + bob.peerId(), token).statusCode()).isEqualTo(204);

		HttpResponse<String> squatted = post(client,
				TestIdentity.generate().registrationJson("BOB", "http://localhost:9/s", now()));

		assertThat(squatted.statusCode()).isEqualTo(409);
		JsonNode problem = assertProblem(squatted, "urn:p2pchat:name-reserved");
		assertThat(problem.get("field").asString()).isEqualTo("username");
		assertThat(problem.get("detail").asString()).contains("reserved");
		assertThat(this.registry.list().peers()).isEmpty();
		assertThat(post(client, bob.registrationJson("bob", "http://localhost:9/b", now())).statusCode())
			.isEqualTo(201);
		assertThat(this.registry.list().peers()).extracting(Peer::peerId).containsExactly(bob.peerId());
	}

	@Test
	void registerWhenAddressRegisteredItsNewIdentitiesAnswers429TooManyIdentitiesButKnownOnesPass() {
		HttpClient client = clientFrom("127.0.0.50");
		TestIdentity[] known = { TestIdentity.generate(), TestIdentity.generate(), TestIdentity.generate() };
		for (int i = 0; i < known.length; i++) {
			assertThat(post(client, known[i].registrationJson("k" + i, "http://localhost:9/" + i, now())).statusCode())
				.isEqualTo(201);
		}

		HttpResponse<String> refused = post(client,
				TestIdentity.generate().registrationJson("sybil", "http://localhost:9/x", now()));

		assertThat(refused.statusCode()).isEqualTo(429);
		assertProblem(refused, "urn:p2pchat:too-many-identities");
		assertThat(refused.headers().firstValue("Retry-After"))
			.hasValueSatisfying((value) -> assertThat(Long.parseLong(value)).isBetween(3000L, 3600L));
		assertThat(this.registry.list().peers()).extracting(Peer::username).doesNotContain("sybil");
		assertThat(post(client, known[1].registrationJson("k1", "http://localhost:9/1", now())).statusCode())
			.isEqualTo(201);
	}

	@Test
	void registerWhenNetworkRegisteredItsNewIdentitiesFromManyAddressesAnswers429() {
		String[] addresses = { "127.0.0.61", "127.0.0.61", "127.0.0.61", "127.0.0.62", "127.0.0.62" };
		for (int i = 0; i < addresses.length; i++) {
			HttpResponse<String> response = post(clientFrom(addresses[i]),
					TestIdentity.generate().registrationJson("n" + i, "http://localhost:9/" + i, now()));
			assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		}

		HttpResponse<String> refused = post(clientFrom("127.0.3.63"),
				TestIdentity.generate().registrationJson("fresh", "http://localhost:9/f", now()));

		assertThat(refused.statusCode()).isEqualTo(429);
		JsonNode problem = assertProblem(refused, "urn:p2pchat:too-many-identities");
		assertThat(problem.get("detail").asString()).contains("network");
		assertThat(this.registry.list().peers()).hasSize(5);
	}

	private Instant now() {
		return this.clock.instant().plusNanos(NANOS.incrementAndGet());
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
