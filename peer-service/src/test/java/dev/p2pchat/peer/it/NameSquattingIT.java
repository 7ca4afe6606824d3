package dev.p2pchat.peer.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.ResponseEntity;

import dev.p2pchat.peer.messaging.ChatEvent;
import dev.p2pchat.peer.tracker.KnownPeer;
import dev.p2pchat.peer.tracker.PeerDirectory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Name squatting against a real tracker (its jar) and real peers: while bob restarts, a
 * squatter that follows the tracker's {@code /peers/events} registers {@code bob} the
 * moment bob leaves. With the tracker's name reservation (the default) the squatter is
 * refused and bob comes back under his name; with none ({@code name-reservation=0s}) the
 * squatter holds {@code bob} under its own key, and alice's peer, which trusts bob's
 * first key, refuses to send to it (409 naming both keys, nothing reaches it, the key
 * change on the live stream) until alice accepts the new key.
 */
class NameSquattingIT {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void restartWhenSquatterTakesTheNameOnTheLeftEventIsRefusedAndBobRegistersAgain() {
		try (TrackerProcess tracker = TrackerProcess.start();
				TestPeer alice = TestPeer.start("alice", tracker.url());
				TestPeer bob = TestPeer.start("bob", tracker.url());
				Lines events = Lines.follow(tracker.url().resolve("/peers/events"), null)) {
			String bobId = bob.id();
			await().atMost(WAIT).until(() -> listedAs(alice, "bob", bobId));
			List<String> squatterAnswers = new CopyOnWriteArrayList<>();
			FakePeer squatter = FakePeer.unregistered("bob");
			events.onLine((line) -> {
				if (line.startsWith("data:") && line.contains("\"username\":\"bob\"") && events.lastEvent("left")) {
					squatterAnswers.add(squatter.registerAt(tracker.url()) + "");
				}
			});

			bob.stop();
			await().atMost(WAIT).until(() -> !squatterAnswers.isEmpty());
			ResponseEntity<String> rename = alice.http()
				.put()
				.uri("/me")
				.header("Content-Type", "application/json")
				.body("{\"username\":\"Bob\"}")
				.retrieve()
				.toEntity(String.class);
			bob.start();

			assertThat(squatterAnswers).containsExactly("409");
			assertThat(rename.getStatusCode().value()).isEqualTo(409);
			assertThat(JSON.readTree(rename.getBody()).get("detail").asString()).contains("reserved");
			await().atMost(WAIT).until(() -> listedAs(alice, "bob", bobId));
			ResponseEntity<String> sent = alice.post("/messages", "{\"to\":\"bob\",\"text\":\"welcome back\"}");
			assertThat(sent.getStatusCode().value()).isEqualTo(202);
			await().atMost(WAIT).until(() -> bob.receivedTexts().contains("welcome back"));
		}
	}

	@Test
	void sendWhenSquatterHoldsTheNameUnderAnotherKeyAnswers409AndNothingReachesItUntilAccepted() {
		try (TrackerProcess tracker = TrackerProcess.start(List.of("--p2pchat.tracker.name-reservation=0s"),
				Duration.ofSeconds(60));
				TestPeer alice = TestPeer.start("alice", tracker.url());
				TestPeer bob = TestPeer.start("bob", tracker.url());
				Lines stream = Lines.follow(alice.url().resolve("/messages/stream"), alice.token())) {
			// given alice's peer saw bob's key first
			String bobId = bob.id();
			await().atMost(WAIT).until(() -> listedAs(alice, "bob", bobId));
			List<ChatEvent.KeyChanged> changes = new CopyOnWriteArrayList<>();
			alice.chat().subscribe((event) -> {
				if (event instanceof ChatEvent.KeyChanged changed) {
					changes.add(changed);
				}
			});
			bob.stop();
			try (TestPeer squatter = TestPeer.start("bob", tracker.url())) {
				String squatterId = squatter.id();
				await().atMost(WAIT).until(() -> listedAs(alice, "bob", squatterId));

				// when alice writes to bob
				ResponseEntity<String> refused = alice.post("/messages",
						"{\"to\":\"bob\",\"text\":\"for bob's eyes only\"}");

				// then nothing is sent, and she is told why
				assertThat(refused.getStatusCode().value()).isEqualTo(409);
				assertThat(refused.getHeaders().getContentType()).hasToString("application/problem+json");
				JsonNode problem = JSON.readTree(refused.getBody());
				assertThat(problem.get("type").asString()).isEqualTo("urn:p2pchat:key-changed");
				assertThat(problem.get("oldPeerId").asString()).isEqualTo(bobId);
				assertThat(problem.get("newPeerId").asString()).isEqualTo(squatterId);
				assertThat(problem.get("detail").asString()).contains(bobId, squatterId);
				assertThat(changes).containsExactly(new ChatEvent.KeyChanged("bob", bobId, squatterId));
				await().atMost(WAIT)
					.untilAsserted(() -> assertThat(stream.lines()).contains("event:key-changed")
						.anySatisfy((line) -> assertThat(line).startsWith("data:").contains(bobId, squatterId)));
				JsonNode open = JSON.readTree(alice.get("/names/changes").getBody());
				assertThat(open).hasSize(1);
				assertThat(open.get(0).get("newPeerId").asString()).isEqualTo(squatterId);
				assertThat(alice.get("/messages?limit=100").getBody()).doesNotContain("for bob's eyes only");
				ResponseEntity<String> typing = alice.post("/typing", "{\"to\":\"bob\"}");
				assertThat(typing.getStatusCode().value()).isEqualTo(409);
				assertThat(JSON.readTree(typing.getBody()).get("type").asString()).isEqualTo("urn:p2pchat:key-changed");
				ResponseEntity<String> stale = alice.post("/names/bob/accept", "{\"peerId\":\"" + bobId + "\"}");
				assertThat(stale.getStatusCode().value()).isEqualTo(409);
				assertThat(JSON.readTree(stale.getBody()).get("type").asString())
					.isEqualTo("urn:p2pchat:key-not-current");
				assertThat(alice.post("/names/bob/accept", "{}").getStatusCode().value()).isEqualTo(400);
				assertThat(alice.post("/names/no%20such!/accept", "{\"peerId\":\"" + squatterId + "\"}")
					.getStatusCode()
					.value()).isEqualTo(400);
				assertThat(JSON.readTree(alice.get("/names/changes").getBody())).hasSize(1);

				// and once she accepts the new key, messages go to it
				ResponseEntity<String> accepted = alice.post("/names/bob/accept",
						"{\"peerId\":\"" + squatterId + "\"}");
				assertThat(accepted.getStatusCode().value()).as(accepted.getBody()).isEqualTo(200);
				assertThat(JSON.readTree(alice.get("/names/changes").getBody())).isEmpty();
				assertThat(
						alice.post("/messages", "{\"to\":\"bob\",\"text\":\"to the new bob\"}").getStatusCode().value())
					.isEqualTo(202);
				await().atMost(WAIT).until(() -> squatter.receivedTexts().contains("to the new bob"));
				assertThat(squatter.receivedTexts()).doesNotContain("for bob's eyes only");
			}
		}
	}

	private static boolean listedAs(TestPeer peer, String username, String peerId) {
		return peer.bean(PeerDirectory.class)
			.findByUsername(username)
			.filter(KnownPeer::live)
			.map((known) -> known.peerId().equals(peerId))
			.orElse(false);
	}

	/** The lines of a {@code text/event-stream}, read on a thread of the client's own. */
	static final class Lines implements AutoCloseable {

		private final HttpClient http = HttpClient.newHttpClient();

		private final List<String> lines = new CopyOnWriteArrayList<>();

		private final List<java.util.function.Consumer<String>> listeners = new CopyOnWriteArrayList<>();

		private volatile String event = "";

		static Lines follow(URI uri, String token) {
			var lines = new Lines();
			HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream");
			if (token != null) {
				request.header("Authorization", "Bearer " + token);
			}
			lines.http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines())
				.thenAccept((response) -> lines.read(response.body()));
			await().atMost(WAIT).until(() -> !lines.lines.isEmpty());
			return lines;
		}

		void onLine(java.util.function.Consumer<String> listener) {
			this.listeners.add(listener);
		}

		/** Whether the event being read is of that name. */
		boolean lastEvent(String name) {
			return this.event.equals(name);
		}

		List<String> lines() {
			return List.copyOf(this.lines);
		}

		private void read(Stream<String> body) {
			try (body) {
				body.forEach((line) -> {
					if (line.startsWith("event:")) {
						this.event = line.substring("event:".length()).strip();
					}
					this.lines.add(line);
					this.listeners.forEach((listener) -> listener.accept(line));
				});
			}
			catch (RuntimeException ex) {
				// the stream ended: the test closed it, or the server went away
			}
		}

		@Override
		public void close() {
			this.http.shutdownNow();
		}

	}

}
