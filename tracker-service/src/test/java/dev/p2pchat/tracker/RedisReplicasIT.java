package dev.p2pchat.tracker;

import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.p2pchat.tracker.TrackerTestSupport.Http;
import io.lettuce.core.RedisClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two real tracker processes' worth of Spring contexts (A and B, each its own Tomcat on a
 * random port, system clock) on one Redis, driven over HTTP as peers would: whatever
 * happens on one replica is seen on the other.
 */
class RedisReplicasIT {

	private static final Duration LEASE = TrackerReplicas.LEASE;

	private static final Duration ONE_SECOND = Duration.ofSeconds(1);

	private static TrackerReplicas replicas;

	@BeforeAll
	static void startReplicas() {
		replicas = TrackerReplicas.start(RedisTestServer.newPrefix());
	}

	@AfterAll
	static void stopReplicas() {
		replicas.close();
	}

	@Test
	void registrationOnAIsListedOnBWithinASecondWithTheSameETagAndStreamedByB() {
		try (SseReader streamB = SseReader.open(replicas.portB())) {
			await().atMost(Duration.ofSeconds(5)).until(() -> streamB.names().contains("snapshot"));
			TestIdentity alice = TestIdentity.generate();

			assertThat(replicas.httpA()
				.postJson("/peers", alice.registrationJson("ha-alice", "http://localhost:9201", Instant.now()))
				.statusCode()).isEqualTo(201);

			await().atMost(ONE_SECOND).until(() -> listed(replicas.httpB()).contains(alice.peerId()));
			await().atMost(ONE_SECOND).until(() -> streamB.names().contains("joined"));
			assertThat(streamB.events().getLast().data().get("peerId").asString()).isEqualTo(alice.peerId());
			await().atMost(ONE_SECOND)
				.untilAsserted(() -> assertThat(etag(replicas.httpA())).isEqualTo(etag(replicas.httpB())));
			String etag = etag(replicas.httpA());
			assertThat(replicas.httpB()
				.send("GET", "/peers", null, BodyPublishers.noBody(), "If-None-Match", etag)
				.statusCode()).isEqualTo(304);
			assertThat(replicas.httpA()
				.send("GET", "/peers", null, BodyPublishers.noBody(), "If-None-Match", etag)
				.statusCode()).isEqualTo(304);
		}
	}

	@Test
	void registrationReplayedOnBAfterAAcceptedItIsRefused() {
		String signed = TestIdentity.generate().registrationJson("ha-replayed", "http://localhost:9250", Instant.now());

		assertThat(replicas.httpA().postJson("/peers", signed).statusCode()).isEqualTo(201);
		HttpResponse<String> replayed = replicas.httpB().postJson("/peers", signed);

		assertThat(replayed.statusCode()).isEqualTo(400);
		assertThat(TrackerTestSupport.json(replayed.body()).get("type").asString())
			.isEqualTo("urn:p2pchat:replayed-signature");
	}

	@Test
	void renameOnBWithTheTokenFromAIsSeenOnA() {
		TestIdentity bob = TestIdentity.generate();
		String token = token(replicas.httpA(), bob, "ha-bob");

		HttpResponse<String> renamed = replicas.httpB()
			.patchJson("/peers/" + bob.peerId(), "{\"username\":\"ha-robert\"}", "Authorization", "Bearer " + token);

		assertThat(renamed.statusCode()).isEqualTo(200);
		assertThat(TrackerTestSupport
			.json(replicas.httpA().send("GET", "/peers/" + bob.peerId(), null, BodyPublishers.noBody()).body())
			.get("username")
			.asString()).isEqualTo("ha-robert");
		assertThat(replicas.httpA()
			.patchJson("/peers/" + bob.peerId(), "{\"username\":\"ha-bobby\"}", "Authorization", "Bearer wrong")
			.statusCode()).isEqualTo(403);
	}

	@Test
	void fortyRegistrationsOfOneNameSplitAcrossAAndBExactlyOneWins() throws Exception {
		List<TestIdentity> racers = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			racers.add(TestIdentity.generate());
		}
		CyclicBarrier start = new CyclicBarrier(racers.size());
		List<Future<Integer>> results = new ArrayList<>();
		try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int i = 0; i < racers.size(); i++) {
				Http http = (i % 2 == 0) ? replicas.httpA() : replicas.httpB();
				String body = racers.get(i)
					.registrationJson((i % 3 == 0) ? "HA-Racer" : "ha-racer", "http://localhost:93" + (10 + i),
							Instant.now());
				results.add(executor.submit(() -> {
					start.await(10, TimeUnit.SECONDS);
					return http.postJson("/peers", body).statusCode();
				}));
			}
			List<Integer> statuses = new ArrayList<>();
			for (Future<Integer> result : results) {
				statuses.add(result.get(30, TimeUnit.SECONDS));
			}
			assertThat(statuses).filteredOn((status) -> status == 201).hasSize(1);
			assertThat(statuses).filteredOn((status) -> status == 409).hasSize(39);
		}
	}

	@Test
	void renewalsOnBKeepARecordMadeOnAWhileASilentOneLeavesBothOnce() {
		TestIdentity busy = TestIdentity.generate();
		TestIdentity silent = TestIdentity.generate();
		try (SseReader streamA = SseReader.open(replicas.portA());
				SseReader streamB = SseReader.open(replicas.portB())) {
			await().atMost(Duration.ofSeconds(5))
				.until(() -> streamA.names().contains("snapshot") && streamB.names().contains("snapshot"));
			String busyToken = token(replicas.httpA(), busy, "ha-busy");
			token(replicas.httpA(), silent, "ha-silent");

			Instant until = Instant.now().plus(LEASE.multipliedBy(2));
			while (Instant.now().isBefore(until)) {
				assertThat(replicas.httpB()
					.send("PUT", "/peers/" + busy.peerId() + "/lease", null, BodyPublishers.noBody(), "Authorization",
							"Bearer " + busyToken)
					.statusCode()).isEqualTo(200);
				sleep(Duration.ofMillis(500));
			}

			assertThat(listed(replicas.httpA())).contains(busy.peerId()).doesNotContain(silent.peerId());
			assertThat(listed(replicas.httpB())).contains(busy.peerId()).doesNotContain(silent.peerId());
			for (SseReader stream : List.of(streamA, streamB)) {
				await().atMost(ONE_SECOND).until(() -> leftOf(stream, silent.peerId()) == 1);
			}
			sleep(ONE_SECOND);
			assertThat(leftOf(streamA, silent.peerId())).isOne();
			assertThat(leftOf(streamB, silent.peerId())).isOne();
			assertThat(leftOf(streamA, busy.peerId())).isZero();
		}
	}

	@Test
	void redisFlushedRenewalAnswers404AndThePeerRegistersAgain() {
		TestIdentity carol = TestIdentity.generate();
		String token = token(replicas.httpA(), carol, "ha-carol");
		RedisClient client = RedisTestServer.client();
		try {
			// the same as Redis restarting empty, for this test's keys
			var commands = client.connect().sync();
			String prefix = replicas.a().getEnvironment().getProperty("p2pchat.tracker.redis-key-prefix");
			commands.keys(prefix + "*").forEach(commands::del);
		}
		finally {
			client.shutdown();
		}

		assertThat(replicas.httpB()
			.send("PUT", "/peers/" + carol.peerId() + "/lease", null, BodyPublishers.noBody(), "Authorization",
					"Bearer " + token)
			.statusCode()).isEqualTo(404);
		token(replicas.httpB(), carol, "ha-carol");
		await().atMost(ONE_SECOND).until(() -> listed(replicas.httpA()).contains(carol.peerId()));
	}

	private static String token(Http http, TestIdentity identity, String username) {
		HttpResponse<String> response = http.postJson("/peers", identity.registrationJson(username,
				"http://localhost:9" + Math.abs(identity.peerId().hashCode() % 999), Instant.now()));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return TrackerTestSupport.json(response.body()).get("leaseToken").asString();
	}

	private static List<String> listed(Http http) {
		return TrackerTestSupport.json(http.send("GET", "/peers", null, BodyPublishers.noBody()).body())
			.valueStream()
			.map((peer) -> peer.get("peerId").asString())
			.toList();
	}

	private static String etag(Http http) {
		return http.send("GET", "/peers", null, BodyPublishers.noBody()).headers().firstValue("ETag").orElseThrow();
	}

	private static long leftOf(SseReader stream, String peerId) {
		return stream.events()
			.stream()
			.filter((event) -> event.name().equals("left") && event.data().get("peerId").asString().equals(peerId))
			.count();
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
