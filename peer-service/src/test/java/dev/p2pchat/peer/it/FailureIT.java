package dev.p2pchat.peer.it;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.p2pchat.peer.mesh.LinkState;
import dev.p2pchat.peer.messaging.ChatEvent;
import dev.p2pchat.peer.messaging.ChatMessage;
import dev.p2pchat.peer.messaging.DeliveryState;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Peers restarting within and past the outbox bound, and the tracker going away and
 * coming back empty.
 */
class FailureIT {

	private static final Duration OUTBOX_MAX_AGE = Duration.ofSeconds(6);

	private static TrackerProcess tracker;

	private static TestPeer alice;

	private static TestPeer bob;

	@BeforeAll
	static void startChat() {
		tracker = TrackerProcess.start();
		Map<String, Object> shortBound = Map.of("p2pchat.peer.outbox.max-age", OUTBOX_MAX_AGE.toSeconds() + "s");
		alice = TestPeer.start("alice", tracker.url(), shortBound);
		bob = TestPeer.start("bob", tracker.url(), shortBound);
		awaitLinked();
	}

	@AfterAll
	static void stopChat() {
		if (alice != null) {
			alice.close();
		}
		if (bob != null) {
			bob.close();
		}
		if (tracker != null) {
			tracker.close();
		}
	}

	@AfterEach
	void restoreChat() {
		awaitLinked();
	}

	@Test
	void peerWhenRestartedWithinTheBoundGetsQueuedMessagesOnceAndInOrder() {
		String bobId = bob.id();
		bob.stop();
		await().atMost(Duration.ofSeconds(10)).until(() -> alice.mesh().linkState(bobId) != LinkState.CONNECTED);
		String tag = UUID.randomUUID().toString().substring(0, 8);
		List<ChatMessage> sent = IntStream.range(0, 20)
			.mapToObj((i) -> alice.chat().send(null, tag + " " + i))
			.toList();

		bob.start();

		assertThat(bob.id()).isEqualTo(bobId);
		List<String> expected = sent.stream().map(ChatMessage::text).toList();
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(bob.receivedTexts()).containsAll(expected));
		assertThat(bob.receivedTexts().stream().filter((text) -> text.startsWith(tag)).toList())
			.containsExactlyElementsOf(expected);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(
					() -> assertThat(alice.chat().find(sent.getLast().id()).orElseThrow().recipients()).singleElement()
						.satisfies((recipient) -> assertThat(recipient.state()).isEqualTo(DeliveryState.DELIVERED)));
	}

	@Test
	void peerWhenDownPastTheBoundIsMarkedFailedAtTheSender() {
		var receipts = new CopyOnWriteArrayList<ChatEvent.Receipt>();
		alice.chat().subscribe((event) -> {
			if (event instanceof ChatEvent.Receipt receipt) {
				receipts.add(receipt);
			}
		});
		String bobId = bob.id();
		bob.stop();
		await().atMost(Duration.ofSeconds(10)).until(() -> alice.mesh().linkState(bobId) != LinkState.CONNECTED);

		var response = alice.post("/messages", "{\"to\":\"bob\",\"text\":\"are you there?\"}");
		String id = response.getBody().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");

		assertThat(response.getStatusCode().value()).isEqualTo(202);
		assertThat(alice.get("/messages/" + id).getBody()).contains("\"state\":\"pending\"");
		await().atMost(OUTBOX_MAX_AGE.plusSeconds(5))
			.untilAsserted(() -> assertThat(alice.get("/messages/" + id).getBody()).contains("\"state\":\"failed\""));
		assertThat(receipts).anySatisfy((receipt) -> {
			assertThat(receipt.messageId()).hasToString(id);
			assertThat(receipt.state()).isEqualTo(DeliveryState.FAILED);
		});
		bob.start();
		awaitLinked();
		await().during(Duration.ofMillis(500))
			.atMost(Duration.ofSeconds(2))
			.untilAsserted(() -> assertThat(bob.receivedTexts()).doesNotContain("are you there?"));
	}

	@Test
	void trackerWhenDownLinksKeepChattingAndWhenBackEmptyEveryPeerRegistersAgain() {
		tracker.stop();
		String text = "no tracker needed " + UUID.randomUUID();

		alice.chat().send(null, text);

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(bob.receivedTexts()).contains(text));
		assertThat(alice.get("/actuator/health/liveness").getStatusCode().value()).isEqualTo(200);
		tracker.start(false);
		await().atMost(Duration.ofSeconds(15))
			.ignoreExceptions()
			.untilAsserted(() -> assertThat(trackerPeers()).contains("\"username\":\"alice\"", "\"username\":\"bob\""));
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(
					() -> assertThat(alice.get("/actuator/health/readiness").getStatusCode().value()).isEqualTo(200));
		String after = "tracker back " + UUID.randomUUID();
		bob.chat().send(null, after);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(alice.receivedTexts()).contains(after));
	}

	private static String trackerPeers() throws Exception {
		try (HttpClient http = HttpClient.newHttpClient()) {
			var request = HttpRequest.newBuilder(tracker.url().resolve("/peers"))
				.timeout(Duration.ofSeconds(2))
				.build();
			return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
		}
	}

	private static void awaitLinked() {
		await().atMost(Duration.ofSeconds(15))
			.until(() -> alice.mesh().liveLinks() == 1 && bob.mesh().liveLinks() == 1);
	}

}
