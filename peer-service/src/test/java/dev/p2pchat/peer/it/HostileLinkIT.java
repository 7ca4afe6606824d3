package dev.p2pchat.peer.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.p2pchat.peer.mesh.LinkState;
import dev.p2pchat.peer.messaging.ChatEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Bad frames and lying handshakes against {@code /ws/peer} close only the offending link;
 * alice and bob go on chatting. Also speaks the protocol by hand to check batches, acks
 * and duplicate suppression.
 */
class HostileLinkIT {

	private static final URI NOWHERE = URI.create("http://127.0.0.1:9");

	private static TrackerProcess tracker;

	private static TestPeer alice;

	private static TestPeer bob;

	private RawLink raw;

	@BeforeAll
	static void startChat() {
		tracker = TrackerProcess.start();
		Map<String, Object> fastHandshake = Map.of("p2pchat.peer.link.handshake-timeout", "3s");
		alice = TestPeer.start("alice", tracker.url(), fastHandshake);
		bob = TestPeer.start("bob", tracker.url(), fastHandshake);
		await().atMost(Duration.ofSeconds(10)).until(() -> alice.mesh().liveLinks() == 1);
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
	void closeRawLink() {
		if (this.raw != null) {
			this.raw.close();
		}
	}

	@Test
	void garbageFrameAfterHandshakeClosesOnlyThatLink() {
		this.raw = linkedAs(registerFake("mallory"));

		this.raw.send("}{ not json at all");

		awaitClosed(1007);
		assertAliceAndBobStillChat();
	}

	@Test
	void typingFloodFromALinkIsRelayedOncePerSecond() {
		var seen = new CopyOnWriteArrayList<ChatEvent.Typing>();
		try (AutoCloseable subscription = alice.chat().subscribe((event) -> {
			if (event instanceof ChatEvent.Typing typing) {
				seen.add(typing);
			}
		})) {
			this.raw = linkedAs(registerFake("chatty"));

			for (int i = 0; i < 20; i++) {
				this.raw.send("{\"type\":\"typing\",\"private\":true}");
			}

			await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 1);
			await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 1);
			assertThat(seen.getFirst().from()).isEqualTo("chatty");
			assertThat(seen.getFirst().to()).isEqualTo("alice");
			assertThat(this.raw.closeCode()).isEqualTo(-1);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void unknownFrameTypeClosesTheLink() {
		this.raw = linkedAs(registerFake("trudy"));

		this.raw.send("{\"type\":\"teleport\",\"seq\":1}");

		awaitClosed(1003);
		assertThat(this.raw.closeReason()).contains("unknown frame type");
	}

	@Test
	void oversizeFrameClosesOnlyThatLink() {
		this.raw = RawLink.open(alice.url());

		this.raw.send("{\"type\":\"hello\",\"pad\":\"" + "x".repeat(300_000) + "\"}");

		awaitClosed(1009);
		assertAliceAndBobStillChat();
	}

	@Test
	void lyingHandshakeClosesOnlyThatLink() {
		this.raw = RawLink.open(alice.url());

		this.raw.hello(bob.id(), "mallory", bob.url(), "e1");

		awaitClosed(1008);
		assertThat(this.raw.closeReason()).contains("disagrees");
		assertThat(alice.mesh().linkState(bob.id())).isEqualTo(LinkState.CONNECTED);
		assertAliceAndBobStillChat();
	}

	@Test
	void handshakeFromUnlistedPeerClosesTheLink() {
		this.raw = RawLink.open(alice.url());

		this.raw.hello("ghost-" + UUID.randomUUID(), "ghost", NOWHERE, "e1");

		awaitClosed(1008);
		assertThat(this.raw.closeReason()).contains("not listed");
	}

	@Test
	void batchBeforeHelloClosesTheLink() {
		this.raw = RawLink.open(alice.url());

		this.raw.send("{\"type\":\"batch\",\"seq\":1,\"messages\":[{}]}");

		awaitClosed(1002);
	}

	@Test
	void silentCallerIsClosedAfterTheHandshakeTimeout() {
		this.raw = RawLink.open(alice.url());

		awaitClosed(1008);

		assertThat(this.raw.closeReason()).contains("handshake timeout");
	}

	@Test
	void invalidMessageInBatchClosesTheLink() {
		this.raw = linkedAs(registerFake("eve"));

		this.raw.send("{\"type\":\"batch\",\"seq\":1,\"messages\":[{\"id\":\"not-a-uuid\"}]}");

		awaitClosed(1007);
	}

	@Test
	void batchWhenSentTwiceIsDeliveredOnceAndAcknowledged() {
		String fakeId = registerFake("oscar");
		this.raw = linkedAs(fakeId);
		String text = "by hand " + UUID.randomUUID();
		String message = "{\"id\":\"" + UUID.randomUUID() + "\",\"fromId\":\"" + fakeId
				+ "\",\"from\":\"oscar\",\"toId\":null,\"to\":null,\"text\":\"" + text + "\",\"sentAt\":\""
				+ Instant.now() + "\"}";
		String batch = "{\"type\":\"batch\",\"seq\":1,\"messages\":[" + message + "]}";

		this.raw.send(batch);
		this.raw.send(batch);

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.raw.texts()).contains("{\"type\":\"ack\",\"seq\":1}"));
		await().during(Duration.ofMillis(300))
			.atMost(Duration.ofSeconds(2))
			.untilAsserted(() -> assertThat(alice.receivedTexts()).containsOnlyOnce(text));
		assertThat(this.raw.closeCode()).isEqualTo(-1);
	}

	@Test
	void linkWhenPeerFallsSilentIsDeclaredDeadWithinTenSeconds() {
		String fakeId = registerFake("zed");
		this.raw = linkedAs(fakeId);
		await().atMost(Duration.ofSeconds(5)).until(() -> alice.mesh().linkState(fakeId) == LinkState.CONNECTED);

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(this.raw.closeCode()).isEqualTo(4500));

		assertThat(this.raw.closeReason()).contains("no traffic");
		assertThat(alice.mesh().linkState(fakeId)).isNotEqualTo(LinkState.CONNECTED);
		assertAliceAndBobStillChat();
	}

	private RawLink linkedAs(String fakeId) {
		RawLink link = RawLink.open(alice.url());
		link.hello(fakeId, fakeId.substring(0, fakeId.indexOf('-')), NOWHERE, "epoch-" + fakeId);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(link.texts()).anySatisfy(
					(text) -> assertThat(text).contains("\"type\":\"hello\"", "\"peerId\":\"" + alice.id() + "\"")));
		return link;
	}

	/** Registers a peer at the tracker that only this test speaks for. */
	private static String registerFake(String username) {
		String peerId = username + "-" + UUID.randomUUID().toString().substring(0, 8);
		String body = "{\"peerId\":\"" + peerId + "\",\"username\":\"" + username + "\",\"url\":\"" + NOWHERE + "\"}";
		try (HttpClient http = HttpClient.newHttpClient()) {
			var request = HttpRequest.newBuilder(tracker.url().resolve("/peers"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build();
			assertThat(http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(201);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		return peerId;
	}

	private void awaitClosed(int code) {
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(this.raw.closeCode()).isEqualTo(code));
	}

	private static void assertAliceAndBobStillChat() {
		String text = "still here " + UUID.randomUUID();
		alice.chat().send(null, text);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(bob.receivedTexts()).contains(text));
	}

}
