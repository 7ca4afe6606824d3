package dev.p2pchat.peer.messaging;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class MessagingUnitsTests {

	private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");

	@Test
	void uuidWhenManyMadeInOneMillisecondAreVersion7AndIncreasing() {
		var ids = new UuidV7(Clock.fixed(T0, ZoneOffset.UTC));
		List<UUID> made = new ArrayList<>();
		for (int i = 0; i < 10_000; i++) {
			made.add(ids.next());
		}

		assertThat(made).allSatisfy((id) -> {
			assertThat(id.version()).isEqualTo(7);
			assertThat(id.variant()).isEqualTo(2);
		});
		assertThat(made).doesNotHaveDuplicates();
		assertThat(made).isSortedAccordingTo(
				(a, b) -> Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits()));
		assertThat(made.getFirst().getMostSignificantBits() >>> 16).isEqualTo(T0.toEpochMilli());
	}

	@Test
	void dedupWhenIdSeenAgainSaysSoUntilItFallsOutOfTheWindow() {
		var dedup = new Dedup(2);
		UUID a = UUID.randomUUID();

		assertThat(dedup.firstTime("alice", a)).isTrue();
		assertThat(dedup.firstTime("alice", a)).isFalse();
		dedup.firstTime("alice", UUID.randomUUID());
		dedup.firstTime("alice", UUID.randomUUID());
		assertThat(dedup.firstTime("alice", a)).isTrue();
	}

	@Test
	void dedupWhenManyIdsComeAndGoAgreesWithASetOfTheLastN() {
		int window = 97;
		var dedup = new Dedup(window);
		var reference = new java.util.LinkedHashSet<UUID>();
		var random = new java.util.Random(42);
		List<UUID> pool = new ArrayList<>();
		for (int i = 0; i < 400; i++) {
			// few distinct high bits: many ids share a home slot, so probe runs are long
			pool.add(new UUID(random.nextInt(8), random.nextLong()));
		}
		for (int i = 0; i < 200_000; i++) {
			UUID id = pool.get(random.nextInt(pool.size()));
			boolean expected = reference.add(id);
			if (expected && reference.size() > window) {
				reference.removeFirst();
			}

			assertThat(dedup.firstTime("alice", id)).as("offer %d of %s", i, id).isEqualTo(expected);
		}
	}

	@Test
	void dedupWhenAnotherSenderReusesAnIdTakesItForAnotherMessage() {
		var dedup = new Dedup(8);
		UUID id = UUID.randomUUID();

		assertThat(dedup.firstTime("mallory", id)).isTrue();
		assertThat(dedup.firstTime("alice", id)).isTrue();
		assertThat(dedup.firstTime("alice", id)).isFalse();
		assertThat(dedup.firstTime("mallory", id)).isFalse();
	}

	@Test
	void dedupWhenManySendersShareIdsAgreesWithASetOfTheLastN() {
		int window = 61;
		var dedup = new Dedup(window);
		var reference = new java.util.LinkedHashSet<String>();
		var random = new java.util.Random(7);
		List<UUID> pool = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			pool.add(new UUID(random.nextInt(4), random.nextLong()));
		}
		for (int i = 0; i < 100_000; i++) {
			UUID id = pool.get(random.nextInt(pool.size()));
			String sender = "peer-" + random.nextInt(5);
			boolean expected = reference.add(sender + "/" + id);
			if (expected && reference.size() > window) {
				reference.removeFirst();
			}

			assertThat(dedup.firstTime(sender, id)).as("offer %d", i).isEqualTo(expected);
		}
	}

	@Test
	void historyWhenFullForgetsTheOldestAndPagesOldestFirst() {
		var log = new MessageLog(3);
		List<ChatMessage> messages = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			ChatMessage message = message("m" + i);
			messages.add(message);
			log.append(LoggedMessage.received(message));
		}

		assertThat(log.find(messages.get(0).id())).isEmpty();
		assertThat(log.page(10, null)).extracting(ChatMessage::text).containsExactly("m2", "m3", "m4");
		assertThat(log.page(2, null)).extracting(ChatMessage::text).containsExactly("m3", "m4");
		assertThat(log.page(1, messages.get(2).id())).extracting(ChatMessage::text).containsExactly("m3");
		assertThat(log.page(10, messages.get(4).id())).isEmpty();
		assertThat(log.page(10, messages.get(0).id())).extracting(ChatMessage::text).containsExactly("m2", "m3", "m4");
	}

	@Test
	void settleWhenAlreadySettledChangesNothing() {
		var logged = new LoggedMessage(message("hi"), List.of("p1", "p2"), List.of("bob", "carol"));

		Recipient delivered = logged.settle("p1", DeliveryState.DELIVERED);
		Recipient late = logged.settle("p1", DeliveryState.FAILED);

		assertThat(delivered).isEqualTo(new Recipient("p1", "bob", DeliveryState.DELIVERED));
		assertThat(late).isNull();
		assertThat(logged.settle("nobody", DeliveryState.FAILED)).isNull();
		assertThat(logged.recipients()).extracting(Recipient::state)
			.containsExactly(DeliveryState.DELIVERED, DeliveryState.PENDING);
	}

	@Test
	void messageWhenTextEmptyOrRecipientHalfGivenIsRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ChatMessage(UUID.randomUUID(), "p0", "alice", null, null, "", T0));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ChatMessage(UUID.randomUUID(), "p0", "alice", "p1", null, "hi", T0));
	}

	private static ChatMessage message(String text) {
		return new ChatMessage(UUID.randomUUID(), "p0", "alice", null, null, text, T0);
	}

}
