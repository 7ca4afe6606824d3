package dev.p2pchat.peer.it;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.p2pchat.peer.messaging.ChatEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code POST /typing} between three real peers: the notice reaches the right peers as a
 * live {@code typing} event, rate-limited, and never enters the history.
 */
class TypingIT {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static TestChat chat;

	private static TestPeer alice;

	private static TestPeer bob;

	private static TestPeer carol;

	private static final List<ChatEvent.Typing> atAlice = new CopyOnWriteArrayList<>();

	private static final List<ChatEvent.Typing> atBob = new CopyOnWriteArrayList<>();

	private static final List<ChatEvent.Typing> atCarol = new CopyOnWriteArrayList<>();

	@BeforeAll
	static void startChat() {
		chat = TestChat.start("alice", "bob", "carol");
		alice = chat.peer(0);
		bob = chat.peer(1);
		carol = chat.peer(2);
		collect(alice, atAlice);
		collect(bob, atBob);
		collect(carol, atCarol);
	}

	@AfterAll
	static void stopChat() {
		if (chat != null) {
			chat.close();
		}
	}

	@Test
	void typingToEveryoneWhenPostedReachesEveryOtherPeerAndNoHistory() {
		var response = alice.post("/typing", "{}");

		assertThat(response.getStatusCode().value()).isEqualTo(202);
		await().atMost(WAIT).untilAsserted(() -> {
			assertThat(from(atBob, "alice")).containsExactly(new ChatEvent.Typing(alice.id(), "alice", null));
			assertThat(from(atCarol, "alice")).containsExactly(new ChatEvent.Typing(alice.id(), "alice", null));
		});
		assertThat(bob.get("/messages").getBody()).doesNotContain("typing");
		assertThat(alice.chat().history(1000, null)).isEmpty();
	}

	@Test
	void typingPrivatelyWhenPostedReachesOnlyTheRecipient() {
		var response = carol.post("/typing", "{\"to\":\"BOB\"}");

		assertThat(response.getStatusCode().value()).isEqualTo(202);
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(from(atBob, "carol"))
				.containsExactly(new ChatEvent.Typing(carol.id(), "carol", "bob")));
		await().during(Duration.ofMillis(700)).atMost(WAIT).until(() -> from(atAlice, "carol").isEmpty());
	}

	@Test
	void typingWhenPostedAgainWithinTwoSecondsIsSentOnce() {
		bob.post("/typing", "{\"to\":\"alice\"}");
		bob.post("/typing", "{\"to\":\"alice\"}");
		bob.post("/typing", "{\"to\":\"alice\"}");

		await().atMost(WAIT).until(() -> !from(atAlice, "bob").isEmpty());
		await().during(Duration.ofMillis(900)).atMost(WAIT).until(() -> from(atAlice, "bob").size() == 1);
	}

	@Test
	void typingToAnUnknownUserIsNotFound() {
		var response = alice.post("/typing", "{\"to\":\"nobody\"}");

		assertThat(response.getStatusCode().value()).isEqualTo(404);
	}

	private static void collect(TestPeer peer, List<ChatEvent.Typing> into) {
		peer.chat().subscribe((event) -> {
			if (event instanceof ChatEvent.Typing typing) {
				into.add(typing);
			}
		});
	}

	private static List<ChatEvent.Typing> from(List<ChatEvent.Typing> events, String username) {
		return events.stream().filter((event) -> event.from().equals(username)).toList();
	}

}
