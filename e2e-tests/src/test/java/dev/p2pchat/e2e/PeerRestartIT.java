package dev.p2pchat.e2e;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.p2pchat.e2e.Wire.ChatMessage;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Containers that die: a peer killed and started again gets what was sent to it
 * meanwhile, once and in order; a restarted tracker lists the peers again within its
 * lease time; a restarted peer still shows its history (kept in its data volume).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PeerRestartIT {

	@RegisterExtension
	static final ChatStack stack = new ChatStack();

	private final String marker = UUID.randomUUID().toString();

	@Test
	@Order(1)
	void peerWhenKilledAndRestartedGetsQueuedMessagesOnceInOrder() {
		// given: bob is killed, with no chance to say goodbye
		Node bob = stack.node("bob");
		bob.kill();
		await().atMost(Duration.ofSeconds(10)).until(() -> !bob.running());

		// when: alice and carol send to everyone and to bob while he is down
		List<String> fromAlice = new ArrayList<>();
		List<ChatMessage> sent = new ArrayList<>();
		for (int i = 1; i <= 4; i++) {
			String text = "while bob was down " + i + " " + this.marker;
			sent.add((i % 2 == 0) ? stack.peer("alice").sendTo("bob", text) : stack.peer("alice").broadcast(text));
			fromAlice.add(text);
		}
		String fromCarol = "carol to bob while down " + this.marker;
		stack.peer("carol").sendTo("bob", fromCarol);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(stack.peer("carol").textsContaining("while bob was down"))
				.containsExactly(fromAlice.get(0), fromAlice.get(2)));
		bob.startAgain();

		// then: each message arrives once, alice's in the order she sent them
		await().atMost(Duration.ofSeconds(60))
			.ignoreExceptionsInstanceOf(UncheckedIOException.class)
			.untilAsserted(() -> {
				List<ChatMessage> atBob = stack.peer("bob").messages();
				assertThat(atBob.stream()
					.filter((m) -> m.from().equals("alice"))
					.map(ChatMessage::text)
					.filter((text) -> text.contains(this.marker))).containsExactlyElementsOf(fromAlice);
				assertThat(atBob.stream().map(ChatMessage::text)).containsOnlyOnce(fromCarol);
				assertThat(atBob.stream().map(ChatMessage::id)).doesNotHaveDuplicates();
			});
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(sent)
				.allSatisfy((message) -> assertThat(stack.peer("alice").status(message).stateFor("bob"))
					.isEqualTo("delivered")));
		assertThat(stack.peer("bob").textsContaining(this.marker)).hasSize(fromAlice.size() + 1);
	}

	@Test
	@Order(2)
	void trackerWhenRestartedListsThePeersAgainWithin15Seconds() {
		stack.awaitMesh();

		stack.trackerNode().restart();

		await().atMost(Duration.ofSeconds(15))
			.ignoreExceptionsInstanceOf(UncheckedIOException.class)
			.untilAsserted(() -> assertThat(stack.tracker().usernames()).containsExactly("alice", "bob", "carol"));
		String text = "after the tracker came back " + this.marker;
		stack.peer("carol").broadcast(text);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(stack.peer("alice").textsContaining(this.marker)).containsExactly(text);
			assertThat(stack.peer("bob").textsContaining(this.marker)).containsExactly(text);
		});
	}

	@Test
	@Order(3)
	void peerWhenRestartedKeepsItsHistoryFromItsDataVolume() {
		stack.awaitMesh();
		String text = "before bob's restart " + this.marker;
		stack.peer("alice").broadcast(text);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(stack.peer("bob").textsContaining(this.marker)).containsExactly(text));
		int before = stack.peer("bob").messages().size();

		stack.node("bob").restart();

		await().atMost(Duration.ofSeconds(60))
			.ignoreExceptionsInstanceOf(UncheckedIOException.class)
			.untilAsserted(() -> {
				assertThat(stack.peer("bob").textsContaining(this.marker)).containsExactly(text);
				assertThat(stack.peer("bob").messages()).hasSize(before);
			});
	}

}
