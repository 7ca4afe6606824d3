package dev.p2pchat.tracker.events;

import dev.p2pchat.tracker.ServerTestBase;
import java.time.Duration;
import java.util.List;

import dev.p2pchat.tracker.SseReader;
import dev.p2pchat.tracker.TrackerTestSupport;
import org.junit.jupiter.api.Test;

import static dev.p2pchat.tracker.TestIdentity.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code GET /peers/events} on a real server, read by the JDK HTTP client.
 */
class EventStreamTests extends ServerTestBase {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@Test
	void streamSendsSnapshotThenJoinedRenamedLeftInOrder() {
		this.http.token("sse-a", "anna", "http://localhost:9001");
		try (SseReader stream = SseReader.open(this.port)) {
			await().atMost(WAIT).until(() -> stream.names().contains("snapshot"));

			// when
			String token = this.http.token("sse-b", "bert", "http://localhost:9002");
			this.http.patchJson("/peers/" + id("sse-b"), "{\"username\":\"berta\"}", "Authorization",
					"Bearer " + token);
			this.http.send("DELETE", "/peers/" + id("sse-b"), null, java.net.http.HttpRequest.BodyPublishers.noBody(),
					"Authorization", "Bearer " + token);

			// then
			await().atMost(WAIT).until(() -> stream.events().size() >= 4);
			assertThat(stream.response().headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("text/event-stream"));
			List<SseReader.Event> events = stream.events();
			assertThat(events).extracting(SseReader.Event::name)
				.containsExactly("snapshot", "joined", "renamed", "left");
			assertThat(events).extracting(SseReader.Event::sequence).isSorted().doesNotHaveDuplicates();
			assertThat(events.get(0).data().valueStream().map((peer) -> peer.get("peerId").asString()))
				.containsExactly(id("sse-a"));
			assertThat(events.get(1).data().get("username").asString()).isEqualTo("bert");
			assertThat(events.get(1).data().has("leaseToken")).isFalse();
			assertThat(events.get(1).data().get("publicKey").asString())
				.isEqualTo(dev.p2pchat.tracker.TestIdentity.named("sse-b").publicKey());
			assertThat(events.get(2).data().get("username").asString()).isEqualTo("berta");
			assertThat(events.get(2).data().get("previousUsername").asString()).isEqualTo("bert");
			assertThat(events.get(3).data().get("peerId").asString()).isEqualTo(id("sse-b"));
			assertThat(events.get(3).data().get("username").asString()).isEqualTo("berta");
			assertThat(events.get(3).data().get("url").asString()).isEqualTo("http://localhost:9002");
			assertThat(events.get(3).data().get("reason").asString()).isEqualTo("deleted");
		}
	}

	@Test
	void snapshotIsTheSameArrayAsTheList() {
		this.http.token("sse-a", "anna", "http://localhost:9001");
		this.http.token("sse-b", "Bert", "http://localhost:9002");
		String list = this.http.send("GET", "/peers", null, java.net.http.HttpRequest.BodyPublishers.noBody()).body();

		try (SseReader stream = SseReader.open(this.port)) {
			await().atMost(WAIT).until(() -> !stream.events().isEmpty());

			assertThat(stream.events().getFirst().data()).isEqualTo(TrackerTestSupport.json(list));
		}
	}

	@Test
	void everyStreamGetsEveryEvent() {
		try (SseReader first = SseReader.open(this.port); SseReader second = SseReader.open(this.port)) {
			await().atMost(WAIT).until(() -> first.names().contains("snapshot") && second.names().contains("snapshot"));

			this.http.token("sse-c", "carl", "http://localhost:9003");

			await().atMost(WAIT).untilAsserted(() -> {
				assertThat(first.names()).containsExactly("snapshot", "joined");
				assertThat(second.names()).containsExactly("snapshot", "joined");
			});
		}
	}

	@Test
	void restartedPeerRegisteringAgainIsJoinedAgain() {
		this.http.token("sse-a", "anna", "http://localhost:9001");
		try (SseReader stream = SseReader.open(this.port)) {
			await().atMost(WAIT).until(() -> stream.names().contains("snapshot"));

			this.http.token("sse-a", "anna", "http://localhost:9001");

			await().atMost(WAIT).until(() -> stream.names().contains("joined"));
			assertThat(stream.events().getLast().data().get("peerId").asString()).isEqualTo(id("sse-a"));
		}
	}

	@Test
	void streamGetsKeepaliveComments() {
		try (SseReader stream = SseReader.open(this.port)) {
			await().atMost(WAIT).untilAsserted(() -> assertThat(stream.comments()).contains("keepalive"));
		}
	}

}
