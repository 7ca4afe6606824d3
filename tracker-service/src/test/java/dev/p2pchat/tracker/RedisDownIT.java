package dev.p2pchat.tracker;

import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import dev.p2pchat.tracker.TrackerTestSupport.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A tracker on a Redis of its own that stops answering (the container is paused): the API
 * answers 503 problem+json within the command timeout instead of hanging, readiness turns
 * OUT_OF_SERVICE, and both recover when Redis answers again. A tracker started while
 * Redis is down starts anyway, not ready.
 */
class RedisDownIT {

	private static GenericContainer<?> redis;

	private static ConfigurableApplicationContext tracker;

	private static Http http;

	@BeforeAll
	static void start() {
		redis = new GenericContainer<>("redis:7").withExposedPorts(6379);
		redis.start();
		tracker = TrackerReplicas.startOne(RedisTestServer.newPrefix(),
				"redis://" + redis.getHost() + ":" + redis.getMappedPort(6379), "--spring.data.redis.timeout=500ms");
		http = Http.onPort(TrackerReplicas.port(tracker), java.time.Clock.systemUTC());
	}

	@AfterAll
	static void stop() {
		tracker.close();
		redis.stop();
	}

	@Test
	void redisNotAnsweringGives503ProblemAndReadinessOutOfServiceUntilItAnswersAgain() {
		TestIdentity dave = TestIdentity.generate();
		assertThat(register(dave).statusCode()).isEqualTo(201);
		await().atMost(Duration.ofSeconds(10)).until(() -> status("/actuator/health/readiness") == 200);

		redis.getDockerClient().pauseContainerCmd(redis.getContainerId()).exec();
		try {
			long started = System.nanoTime();
			HttpResponse<String> refused = register(TestIdentity.generate());
			Duration took = Duration.ofNanos(System.nanoTime() - started);

			assertThat(refused.statusCode()).isEqualTo(503);
			assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(TrackerTestSupport.json(refused.body()).get("type").asString())
				.isEqualTo("urn:p2pchat:store-unavailable");
			assertThat(took).isLessThan(Duration.ofSeconds(3));
			assertThat(http.send("GET", "/peers", null, BodyPublishers.noBody()).statusCode()).isEqualTo(503);
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				HttpResponse<String> readiness = http.send("GET", "/actuator/health/readiness", null,
						BodyPublishers.noBody());
				assertThat(readiness.statusCode()).isEqualTo(503);
				assertThat(TrackerTestSupport.json(readiness.body()).get("status").asString())
					.isEqualTo("OUT_OF_SERVICE");
			});
			assertThat(status("/actuator/health/liveness")).isEqualTo(200);
		}
		finally {
			redis.getDockerClient().unpauseContainerCmd(redis.getContainerId()).exec();
		}

		await().atMost(Duration.ofSeconds(10)).until(() -> status("/actuator/health/readiness") == 200);
		TestIdentity erin = TestIdentity.generate();
		assertThat(register(erin).statusCode()).isEqualTo(201);
		assertThat(http.send("GET", "/peers", null, BodyPublishers.noBody()).body()).contains(erin.peerId());
	}

	private static HttpResponse<String> register(TestIdentity identity) {
		return http.postJson("/peers", identity.registrationJson("down-" + identity.peerId().substring(0, 8),
				"http://localhost:9301", Instant.now()));
	}

	private static int status(String path) {
		return http.send("GET", path, null, BodyPublishers.noBody()).statusCode();
	}

}
