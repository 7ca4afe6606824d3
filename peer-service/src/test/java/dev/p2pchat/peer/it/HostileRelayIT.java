package dev.p2pchat.peer.it;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two peers behind NAT whose only relay is hostile ({@link HostileRelay}): it records
 * what it carries and flips or replays a frame. The ends' end-to-end link refuses what it
 * altered, the circuit closes, the next one carries the messages again, and the relay
 * never held a byte of their text.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileRelayIT {

	private static TrackerProcess tracker;

	private static PeerJar natOne;

	private static PeerJar natTwo;

	private static HostileRelay relay;

	@BeforeAll
	static void startPeers() throws Exception {
		tracker = TrackerProcess.start();
		natOne = PeerJar.start("nat-one", tracker.url(), "--p2pchat.peer.reachable=false",
				"--p2pchat.peer.advertised-url=http://127.0.0.1:" + TrackerProcess.freePort());
		natTwo = PeerJar.start("nat-two", tracker.url(), "--p2pchat.peer.reachable=false",
				"--p2pchat.peer.advertised-url=http://127.0.0.1:" + TrackerProcess.freePort());
		relay = new HostileRelay(tracker.url());
		relay.linkTo(natOne);
		relay.linkTo(natTwo);
	}

	@AfterAll
	static void stopPeers() {
		for (AutoCloseable running : new AutoCloseable[] { relay, natOne, natTwo, tracker }) {
			try {
				if (running != null) {
					running.close();
				}
			}
			catch (Exception ex) {
				// the others still stop
			}
		}
	}

	@Test
	@Order(1)
	void frameWhenFlippedByTheRelayClosesTheCircuitAndTheNextCarriesEverythingOnce() {
		awaitRelayed();
		int before = relay.opened();
		String tag = "flip " + UUID.randomUUID();

		relay.next(HostileRelay.Mischief.FLIP);
		List<String> sent = sendPrivately(tag, 10);

		await().atMost(Duration.ofSeconds(45))
			.untilAsserted(() -> assertThat(texts(natTwo, tag)).containsExactlyElementsOf(sent));
		assertThat(relay.done()).as("a frame was flipped").isTrue();
		assertThat(relay.opened()).as("a new circuit after the tampered one").isGreaterThan(before);
		await().during(Duration.ofSeconds(1))
			.atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(texts(natTwo, tag)).containsExactlyElementsOf(sent));
		assertNeverCarried(sent);
	}

	@Test
	@Order(2)
	void frameWhenReplayedByTheRelayClosesTheCircuitAndNothingShowsTwice() {
		awaitRelayed();
		int before = relay.opened();
		String tag = "replay " + UUID.randomUUID();
		// a large frame to replay first
		sendPrivately("warm-up " + UUID.randomUUID(), 1);

		relay.next(HostileRelay.Mischief.REPLAY);
		List<String> sent = sendPrivately(tag, 10);

		await().atMost(Duration.ofSeconds(45))
			.untilAsserted(() -> assertThat(texts(natTwo, tag)).containsExactlyElementsOf(sent));
		assertThat(relay.done()).as("a frame was replayed").isTrue();
		assertThat(relay.opened()).isGreaterThan(before);
		await().during(Duration.ofSeconds(1))
			.atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(texts(natTwo, tag)).containsExactlyElementsOf(sent));
		assertNeverCarried(sent);
	}

	private static void awaitRelayed() {
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(RelayLinks.link(natOne, natTwo)).isEqualTo("relayed");
			assertThat(RelayLinks.peer(natOne, natTwo).path("via").asString()).isEqualTo(relay.peer.id());
		});
	}

	private static List<String> sendPrivately(String tag, int count) {
		List<String> sent = IntStream.range(0, count).mapToObj((i) -> tag + " " + i).toList();
		for (String text : sent) {
			var response = natOne.post("/messages", "{\"to\":\"nat-two\",\"text\":\"" + text + "\"}");
			assertThat(response.statusCode()).isEqualTo(202);
		}
		return sent;
	}

	private static List<String> texts(PeerJar peer, String tag) {
		return RelayLinks.texts(peer, "nat-one", tag);
	}

	private static void assertNeverCarried(List<String> texts) {
		List<byte[]> carried = relay.recorded();
		assertThat(carried).isNotEmpty();
		for (String text : texts) {
			byte[] needle = text.getBytes(StandardCharsets.UTF_8);
			assertThat(carried).noneMatch((payload) -> RelayLinks.contains(payload, needle));
		}
	}

}
