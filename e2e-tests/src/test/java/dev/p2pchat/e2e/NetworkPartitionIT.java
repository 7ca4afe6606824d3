package dev.p2pchat.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.p2pchat.e2e.Wire.ChatMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A peer cut off the network ({@code docker network disconnect}) and reconnected: the
 * others keep chatting meanwhile, and what they sent it arrives once, in order, when it
 * is back.
 */
class NetworkPartitionIT {

	@RegisterExtension
	static final ChatStack stack = new ChatStack();

	private final String marker = UUID.randomUUID().toString();

	@Test
	void peerWhenCutOffAndReconnectedGetsMissedMessagesOnceInOrder() {
		// given: carol loses her network
		Node carol = stack.node("carol");
		carol.disconnect();

		// when: alice keeps chatting with everyone, and bob still hears her
		List<String> fromAlice = new ArrayList<>();
		List<ChatMessage> sent = new ArrayList<>();
		for (int i = 1; i <= 5; i++) {
			String text = "while carol was cut off " + i + " " + this.marker;
			sent.add(stack.peer("alice").broadcast(text));
			fromAlice.add(text);
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(stack.peer("bob").textsContaining(this.marker))
					.containsExactlyElementsOf(fromAlice));
		}
		String fromBob = "bob to alice meanwhile " + this.marker;
		stack.peer("bob").sendTo("alice", fromBob);
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(
					() -> assertThat(stack.peer("alice").textsContaining("bob to alice")).containsExactly(fromBob));
		assertThat(sent).allSatisfy((message) -> assertThat(stack.peer("alice").status(message).stateFor("carol"))
			.isNotEqualTo("delivered"));
		carol.reconnect();

		// then: carol gets alice's messages once each, in order; everyone is linked again
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(stack.peer("carol").textsContaining(this.marker))
				.containsExactlyElementsOf(fromAlice));
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(sent)
				.allSatisfy((message) -> assertThat(stack.peer("alice").status(message).stateFor("carol"))
					.isEqualTo("delivered")));
		stack.awaitMesh();
		assertThat(stack.peer("carol").messages().stream().map(ChatMessage::id)).doesNotHaveDuplicates();
	}

}
