package dev.p2pchat.tracker;

import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;

import dev.p2pchat.tracker.TrackerTestSupport.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two tracker replicas (A and B) on one Redis with the default allowance of 10
 * registrations per client address (over a minute here, so that no window ends during the
 * test): the address's registrations count on both together, so the 11th is refused
 * whichever replica gets it.
 */
class RedisRateLimitIT {

	private static TrackerReplicas replicas;

	@BeforeAll
	static void startReplicas() {
		replicas = TrackerReplicas.start(RedisTestServer.newPrefix(), "--p2pchat.tracker.rate-limit.registrations=10",
				"--p2pchat.tracker.rate-limit.period=60s");
	}

	@AfterAll
	static void stopReplicas() {
		replicas.close();
	}

	@Test
	void registerWhenTenFromOneAddressWentToAAndBRefusesTheEleventhOnBothWith429() {
		for (int i = 0; i < 10; i++) {
			Http replica = (i % 2 == 0) ? replicas.httpA() : replicas.httpB();
			assertThat(register(replica, "limited-" + i).statusCode()).as("registration %d", i + 1).isEqualTo(201);
		}

		TestIdentity eleventh = TestIdentity.generate();
		HttpResponse<String> onA = replicas.httpA()
			.postJson("/peers", eleventh.registrationJson("limited-10", "http://localhost:9410", Instant.now()));
		HttpResponse<String> onB = register(replicas.httpB(), "limited-11");

		for (HttpResponse<String> refused : List.of(onA, onB)) {
			assertThat(refused.statusCode()).isEqualTo(429);
			assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(TrackerTestSupport.json(refused.body()).get("type").asString())
				.isEqualTo("urn:p2pchat:too-many-requests");
			assertThat(refused.headers().firstValueAsLong("Retry-After").orElseThrow()).isBetween(1L, 60L);
		}
		assertThat(replicas.httpB().send("GET", "/peers", null, BodyPublishers.noBody()).body())
			.doesNotContain(eleventh.peerId())
			.contains("limited-9");
	}

	private static HttpResponse<String> register(Http http, String username) {
		return http.postJson("/peers",
				TestIdentity.generate().registrationJson(username, "http://localhost:9400", Instant.now()));
	}

}
