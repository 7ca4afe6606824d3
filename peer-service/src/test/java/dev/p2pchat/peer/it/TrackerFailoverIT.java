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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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
 * peer is listed again. The cases share nothing but the Redis container: each starts its
 * own replicas and peers on a Redis database of its own ({@code redis://…/n}, so no key
 * of one case is seen by another) and stops them after.
 */
class TrackerFailoverIT {

	private static final Duration LEASE = Duration.ofSeconds(4);

	/** The machine may be busy: a tracker JVM gets this long to start. */
	private static final Duration STARTUP = Duration.ofSeconds(120);

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static GenericContainer<?> redis;

	/** The Redis database of the next case: each case its own keys. */
	private static int database;

	private int db;

	private TrackerProcess trackerA;

	private TrackerProcess trackerB;

	private TestPeer alice;

	private TestPeer bob;

	private TestPeer carol;

	@BeforeAll
	static void startRedis() {
		requireDocker(DockerClientFactory.instance().isDockerAvailable(), "true".equals(System.getenv("CI")));
		redis = new GenericContainer<>(DockerImageName.parse("redis:7")).withExposedPorts(6379);
		redis.start();
	}

	@AfterAll
	static void stopRedis() {
		if (redis != null) {
			redis.stop();
		}
	}

	@BeforeEach
	void startReplicasAndPeers() {
		this.db = ++database;
		List<String> onRedis = List.of("--p2pchat.tracker.store=redis",
				"--spring.data.redis.url=redis://127.0.0.1:" + redis.getMappedPort(6379) + "/" + this.db,
				"--p2pchat.tracker.lease=" + LEASE.toSeconds() + "s");
		this.trackerA = TrackerProcess.start(onRedis, STARTUP);
		this.trackerB = TrackerProcess.start(onRedis, STARTUP);
		this.alice = startPeer("alice");
		this.bob = startPeer("bob");
		await().atMost(Duration.ofSeconds(15))
			.until(() -> this.alice.mesh().linkState(this.bob.id()) == LinkState.CONNECTED
					&& this.bob.mesh().linkState(this.alice.id()) == LinkState.CONNECTED);
	}

	@AfterEach
	void stopReplicasAndPeers() {
		for (AutoCloseable each : new AutoCloseable[] { this.carol, this.bob, this.alice, this.trackerA,
				this.trackerB }) {
			if (each != null) {
				try {
					each.close();
				}
				catch (Exception ex) {
					// the others are stopped all the same
				}
			}
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
	void peersWhenStartedWithBothUrlsAreListedOnBothReplicas() {
		await().atMost(Duration.ofSeconds(5)).ignoreExceptions().untilAsserted(() -> {
			assertListed(this.trackerA, this.alice, this.bob);
			assertListed(this.trackerB, this.alice, this.bob);
		});
	}

	@Test
	void chatWhenTrackerADiesGoesOnAndNewPeersJoinThroughTrackerB() {
		this.trackerA.stop();
		assertThatThrownBy(() -> peersOn(this.trackerA)).as("tracker A is gone").isInstanceOf(IOException.class);

		// never dropped for two leases: the renewals go to B
		await().during(LEASE.multipliedBy(2))
			.atMost(LEASE.multipliedBy(2).plusSeconds(1))
			.untilAsserted(() -> assertListed(this.trackerB, this.alice, this.bob));
		String text = "after A died " + UUID.randomUUID();
		this.alice.chat().send(null, text);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(this.bob.receivedTexts()).contains(text));

		this.carol = startPeer("carol");

		await().atMost(Duration.ofSeconds(5))
			.ignoreExceptions()
			.untilAsserted(() -> assertListed(this.trackerB, this.alice, this.bob, this.carol));
		await().atMost(Duration.ofSeconds(15))
			.until(() -> this.alice.mesh().linkState(this.carol.id()) == LinkState.CONNECTED
					&& this.carol.mesh().linkState(this.alice.id()) == LinkState.CONNECTED);
		String hello = "hello from carol " + UUID.randomUUID();
		this.carol.chat().send(null, hello);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.alice.receivedTexts()).contains(hello));
	}

	@Test
	void peersWhenRedisComesBackEmptyAreListedAgainOnTrackerB() throws Exception {
		this.carol = startPeer("carol");
		await().atMost(Duration.ofSeconds(5))
			.ignoreExceptions()
			.untilAsserted(() -> assertListed(this.trackerB, this.alice, this.bob, this.carol));
		Map<String, String> before = registeredAt(peersOn(this.trackerB));

		// this case's database only: nothing of another case is touched
		assertThat(redis.execInContainer("redis-cli", "-n", String.valueOf(this.db), "FLUSHDB").getStdout())
			.contains("OK");

		// listed again by a new registration each (not a stale copy of the old records)
		await().atMost(Duration.ofSeconds(15)).ignoreExceptions().untilAsserted(() -> {
			String list = peersOn(this.trackerB);
			assertListed(this.trackerB, this.alice, this.bob, this.carol);
			Map<String, String> after = registeredAt(list);
			for (TestPeer peer : List.of(this.alice, this.bob, this.carol)) {
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

	private TestPeer startPeer(String username) {
		String both = this.trackerA.url() + "," + this.trackerB.url();
		return TestPeer.start(username, this.trackerA.url(),
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
