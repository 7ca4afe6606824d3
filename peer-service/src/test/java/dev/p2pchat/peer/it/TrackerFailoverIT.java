package dev.p2pchat.peer.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.p2pchat.peer.mesh.LinkState;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Two tracker replicas A and B on one Redis, and peers that know both URLs
 * ({@code p2pchat.peer.tracker-url=A,B}): when A dies the peers renew through B and stay
 * listed, chat goes on and a new peer joins through B; when Redis comes back empty every
 * peer is listed again. The tests run in order: each one starts from the state the
 * previous one left (A dead after the second).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TrackerFailoverIT {

	private static final Duration LEASE = Duration.ofSeconds(4);

	/** The machine may be busy: a tracker JVM gets this long to start. */
	private static final Duration STARTUP = Duration.ofSeconds(120);

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static GenericContainer<?> redis;

	private static TrackerProcess trackerA;

	private static TrackerProcess trackerB;

	private static TestPeer alice;

	private static TestPeer bob;

	private static TestPeer carol;

	@BeforeAll
	static void startReplicasAndPeers() {
		requireDocker(DockerClientFactory.instance().isDockerAvailable(), "true".equals(System.getenv("CI")));
		redis = new GenericContainer<>(DockerImageName.parse("redis:7")).withExposedPorts(6379);
		redis.start();
		List<String> onRedis = List.of("--p2pchat.tracker.store=redis",
				"--spring.data.redis.url=redis://127.0.0.1:" + redis.getMappedPort(6379),
				"--p2pchat.tracker.lease=" + LEASE.toSeconds() + "s");
		trackerA = TrackerProcess.start(onRedis, STARTUP);
		trackerB = TrackerProcess.start(onRedis, STARTUP);
		alice = startPeer("alice");
		bob = startPeer("bob");
		await().atMost(Duration.ofSeconds(15))
			.until(() -> alice.mesh().linkState(bob.id()) == LinkState.CONNECTED
					&& bob.mesh().linkState(alice.id()) == LinkState.CONNECTED);
	}

	@AfterAll
	static void stopAll() {
		for (AutoCloseable each : new AutoCloseable[] { carol, bob, alice, trackerA, trackerB }) {
			if (each != null) {
				try {
					each.close();
				}
				catch (Exception ex) {
					// the others are stopped all the same
				}
			}
		}
		if (redis != null) {
			redis.stop();
		}
	}

	/**
	 * Skips the class without a Docker engine, except on CI ({@code CI=true}) where that
	 * fails it: this test must not pass there by not running.
	 */
	static void requireDocker(boolean dockerAvailable, boolean onCi) {
		if (dockerAvailable) {
			return;
		}
		String reason = "no Docker engine for the Redis of TrackerFailoverIT";
		if (onCi) {
			throw new IllegalStateException(reason + "; CI=true, so this fails the build");
		}
		Assumptions.abort(reason);
	}

	@Test
	@Order(1)
	void peersWhenStartedWithBothUrlsAreListedOnBothReplicas() {
		await().atMost(Duration.ofSeconds(5)).ignoreExceptions().untilAsserted(() -> {
			assertListed(trackerA, alice, bob);
			assertListed(trackerB, alice, bob);
		});
	}

	@Test
	@Order(2)
	void chatWhenTrackerADiesGoesOnAndNewPeersJoinThroughTrackerB() {
		trackerA.stop();
		assertThatThrownBy(() -> peersOn(trackerA)).as("tracker A is gone").isInstanceOf(IOException.class);

		// never dropped for two leases: the renewals go to B
		await().during(LEASE.multipliedBy(2))
			.atMost(LEASE.multipliedBy(2).plusSeconds(1))
			.untilAsserted(() -> assertListed(trackerB, alice, bob));
		String text = "after A died " + UUID.randomUUID();
		alice.chat().send(null, text);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(bob.receivedTexts()).contains(text));

		carol = startPeer("carol");

		await().atMost(Duration.ofSeconds(5))
			.ignoreExceptions()
			.untilAsserted(() -> assertListed(trackerB, alice, bob, carol));
		await().atMost(Duration.ofSeconds(15))
			.until(() -> alice.mesh().linkState(carol.id()) == LinkState.CONNECTED
					&& carol.mesh().linkState(alice.id()) == LinkState.CONNECTED);
		String hello = "hello from carol " + UUID.randomUUID();
		carol.chat().send(null, hello);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(alice.receivedTexts()).contains(hello));
	}

	@Test
	@Order(3)
	void peersWhenRedisComesBackEmptyAreListedAgainOnTrackerB() throws Exception {
		Map<String, String> before = registeredAt(peersOn(trackerB));

		assertThat(redis.execInContainer("redis-cli", "FLUSHALL").getStdout()).contains("OK");

		// listed again by a new registration each (not a stale copy of the old records)
		await().atMost(Duration.ofSeconds(15)).ignoreExceptions().untilAsserted(() -> {
			String list = peersOn(trackerB);
			assertListed(trackerB, alice, bob, carol);
			Map<String, String> after = registeredAt(list);
			for (TestPeer peer : List.of(alice, bob, carol)) {
				assertThat(after.get(peer.id())).as("registeredAt of %s", peer.username())
					.isNotEqualTo(before.get(peer.id()));
			}
		});
	}

	private static Map<String, String> registeredAt(String list) {
		Map<String, String> registered = new HashMap<>();
		for (JsonNode record : JSON.readTree(list)) {
			registered.put(record.get("peerId").asString(), record.get("registeredAt").asString());
		}
		return registered;
	}

	private static TestPeer startPeer(String username) {
		String both = trackerA.url() + "," + trackerB.url();
		return TestPeer.start(username, trackerA.url(),
				Map.of("p2pchat.peer.tracker-url", both, "p2pchat.peer.renew-interval", "1s"));
	}

	private static void assertListed(TrackerProcess tracker, TestPeer... peers) throws Exception {
		String list = peersOn(tracker);
		for (TestPeer peer : peers) {
			assertThat(list).as("GET /peers on %s", tracker.url())
				.contains("\"peerId\":\"" + peer.id() + "\"", "\"username\":\"" + peer.username() + "\"");
		}
	}

	private static String peersOn(TrackerProcess tracker) throws Exception {
		var request = HttpRequest.newBuilder(URI.create(tracker.url() + "/peers"))
			.timeout(Duration.ofSeconds(3))
			.build();
		HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as("GET /peers on %s", tracker.url()).isEqualTo(200);
		return response.body();
	}

}
