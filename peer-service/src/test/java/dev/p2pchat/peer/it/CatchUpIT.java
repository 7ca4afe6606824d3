package dev.p2pchat.peer.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.p2pchat.peer.messaging.ChatMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A peer that joins late catches up on the recent broadcasts of every peer online, from
 * each sender itself: in order, once, and never a private message between others.
 */
class CatchUpIT {

	@Test
	void joinWhenOthersHaveTalkedBeforeReceivesTheLast100BroadcastsOfEachInOrderOnce() {
		try (TestChat chat = TestChat.start("alice", "bob")) {
			TestPeer alice = chat.peer(0);
			TestPeer bob = chat.peer(1);
			for (int i = 0; i < 300; i++) {
				alice.chat().send(null, "alice says " + i);
				bob.chat().send(null, "bob says " + i);
				if (i % 10 == 0) {
					alice.chat().send("bob", "alice to bob only " + i);
					bob.chat().send("alice", "bob to alice only " + i);
				}
			}

			TestPeer dave = chat.join("dave");

			await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
				assertThat(texts(dave, "alice")).containsExactlyElementsOf(last100("alice says "));
				assertThat(texts(dave, "bob")).containsExactlyElementsOf(last100("bob says "));
			});
			await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
				assertThat(dave.received()).hasSize(200);
				assertThat(dave.chat().history(1000, null)).hasSize(200)
					.noneSatisfy((message) -> assertThat(message.text()).contains("only"));
			});
		}
	}

	@Test
	void restartWhenAwayPastTheOutboxBoundCatchesUpOnlyOnWhatWasMissed() {
		try (TestChat chat = TestChat.start(Map.of("p2pchat.peer.outbox.max-age", "1s"), "alice", "bob", "carol")) {
			TestPeer alice = chat.peer(0);
			TestPeer carol = chat.peer(2);
			alice.chat().send(null, "seen by carol");
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(texts(carol, "alice")).containsExactly("seen by carol"));

			carol.stop();
			ChatMessage missed = alice.chat().send(null, "while carol was away");
			// past the outbox bound: failed for carol, only catch-up can bring it now
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(alice.get("/messages/" + missed.id()).getBody())
					.contains("\"state\":\"failed\""));
			carol.start();

			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(texts(carol, "alice")).containsExactly("seen by carol",
						"while carol was away"));
		}
	}

	private static List<String> last100(String prefix) {
		return IntStream.range(200, 300).mapToObj((i) -> prefix + i).toList();
	}

	private static List<String> texts(TestPeer peer, String from) {
		List<String> texts = new ArrayList<>();
		for (ChatMessage message : peer.chat().history(1000, null)) {
			if (message.from().equals(from)) {
				texts.add(message.text());
			}
		}
		return texts;
	}

}
