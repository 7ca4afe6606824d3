package dev.p2pchat.e2e;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a user does first, through the containers' mapped ports: the tracker lists the
 * three peers, a broadcast reaches everyone, a private message only its recipient, a
 * rename shows everywhere, and every service reports itself healthy to Docker and to the
 * actuator.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UsedByFlowIT {

	@RegisterExtension
	static final ChatStack stack = new ChatStack();

	private final String marker = UUID.randomUUID().toString();

	@Test
	@Order(1)
	void trackerWhenThreePeersStartedListsThemSortedByUsername() {
		assertThat(stack.tracker().usernames()).containsExactly("alice", "bob", "carol");
	}

	@Test
	@Order(2)
	void servicesWhenStartedAreHealthyToDockerAndActuator() {
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(stack.trackerNode().dockerHealth()).isEqualTo("healthy");
			ChatStack.PEERS.forEach((username) -> assertThat(stack.node(username).dockerHealth()).isEqualTo("healthy"));
		});

		assertThat(stack.tracker().health()).isEqualTo("UP");
		ChatStack.PEERS.forEach((username) -> assertThat(stack.peer(username).health()).isEqualTo("UP"));
	}

	@Test
	@Order(3)
	void broadcastFromAliceReachesBobAndCarol() {
		String text = "hello everyone " + this.marker;

		stack.peer("alice").broadcast(text);

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(stack.peer("bob").textsContaining(this.marker)).containsExactly(text);
			assertThat(stack.peer("carol").textsContaining(this.marker)).containsExactly(text);
		});
		assertThat(stack.peer("alice").textsContaining(this.marker)).containsExactly(text);
	}

	@Test
	@Order(4)
	void privateMessageFromBobReachesOnlyCarol() {
		String text = "psst carol " + this.marker;

		var sent = stack.peer("bob").sendTo("carol", text);

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(stack.peer("carol").textsContaining(this.marker)).containsExactly(text));
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(stack.peer("bob").status(sent).stateFor("carol")).isEqualTo("delivered"));
		assertThat(stack.peer("alice").textsContaining(this.marker)).isEmpty();
	}

	@Test
	@Order(5)
	void renameOfCarolShowsAtTrackerAndPeersAndMessagesStillReachHer() {
		assertThat(stack.peer("carol").rename("caroline").username()).isEqualTo("caroline");

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(stack.tracker().usernames()).containsExactly("alice", "bob", "caroline");
			assertThat(stack.peer("alice").connectedUsernames()).contains("caroline").doesNotContain("carol");
		});
		String text = "welcome caroline " + this.marker;
		stack.peer("alice").sendTo("caroline", text);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(stack.peer("carol").textsContaining(this.marker)).containsExactly(text));
	}

}
