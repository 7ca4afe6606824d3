package dev.p2pchat.tracker;

import java.net.http.HttpRequest.BodyPublishers;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static dev.p2pchat.tracker.TestIdentity.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Leases on the running server with the test clock: the scheduled sweeper drops the peer
 * that stopped renewing and announces it; the renewing peer stays.
 */
class LeaseExpiryTests extends ServerTestBase {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@Test
	void peerThatStopsRenewingIsDroppedWithLeftExpiredWhileRenewingPeerStays() {
		String quietToken = this.http.token("lease-quiet", "quiet", "http://localhost:9101");
		String busyToken = this.http.token("lease-busy", "busy", "http://localhost:9102");
		try (SseReader stream = SseReader.open(this.port)) {
			await().atMost(WAIT).until(() -> stream.names().contains("snapshot"));

			// when: busy renews every 5 s for 20 s, quiet never does
			for (int second = 5; second <= 20; second += 5) {
				this.clock.advance(Duration.ofSeconds(5));
				assertThat(renew("lease-busy", busyToken)).isEqualTo(200);
			}

			// then: the scheduled sweep (every second of real time) removes quiet
			await().atMost(WAIT).until(() -> stream.names().contains("left"));
			JsonNode left = stream.events().getLast().data();
			assertThat(left.get("peerId").asString()).isEqualTo(id("lease-quiet"));
			assertThat(left.get("username").asString()).isEqualTo("quiet");
			assertThat(left.get("reason").asString()).isEqualTo("expired");
			assertThat(stream.names()).containsExactly("snapshot", "left");
			assertThat(peerIds()).containsExactly(id("lease-busy"));
			assertThat(status("GET", "/peers/" + id("lease-quiet"))).isEqualTo(404);
			assertThat(renew("lease-quiet", quietToken)).isEqualTo(404);
			assertThat(status("GET", "/peers/" + id("lease-busy"))).isEqualTo(200);
		}
	}

	@Test
	void expiredPeerCanRegisterAgainWithItsNameAndAnotherUrl() {
		this.http.token("lease-quiet", "quiet", "http://localhost:9101");
		this.clock.advance(Duration.ofSeconds(15));

		assertThat(this.http.register("lease-quiet", "QUIET", "http://localhost:9999").statusCode()).isEqualTo(201);
	}

	@Test
	void peerIsListedUntilItsLeaseEnds() {
		this.http.token("lease-quiet", "quiet", "http://localhost:9101");

		this.clock.advance(Duration.ofMillis(14_999));
		this.registry.expireDue();

		assertThat(peerIds()).containsExactly(id("lease-quiet"));
	}

	private int renew(String peerId, String token) {
		return this.http
			.send("PUT", "/peers/" + id(peerId) + "/lease", null, BodyPublishers.noBody(), "Authorization",
					"Bearer " + token)
			.statusCode();
	}

	private int status(String method, String path) {
		return this.http.send(method, path, null, BodyPublishers.noBody()).statusCode();
	}

	private java.util.List<String> peerIds() {
		return TrackerTestSupport.json(this.http.send("GET", "/peers", null, BodyPublishers.noBody()).body())
			.valueStream()
			.map((peer) -> peer.get("peerId").asString())
			.toList();
	}

}
