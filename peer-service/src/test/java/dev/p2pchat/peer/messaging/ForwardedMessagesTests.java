package dev.p2pchat.peer.messaging;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

import dev.p2pchat.link.identity.Identity;
import dev.p2pchat.link.signing.MessageProof;
import dev.p2pchat.peer.mesh.FrameRefusal;
import dev.p2pchat.peer.mesh.RefusedMessageException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ForwardedMessagesTests {

	private static final Instant T0 = Instant.parse("2026-12-07T16:00:00.123456Z");

	private final Identity alice = Identity.generate();

	private final Identity mallory = Identity.generate();

	private final MessageLog history = new MessageLog(1000);

	private final ChatEvents events = new ChatEvents();

	private final MessageSignatures signatures = new MessageSignatures();

	private final ForwardedMessages forwarded = new ForwardedMessages("me", this.history, new Dedup(1000), this.events,
			this.signatures, UnaryOperator.identity());

	@Test
	void acceptWhenEverySignatureHoldsShowsAllInOrderOnce() {
		List<ForwardedMessages.Forwarded> thirty = signed(this.alice, broadcasts(this.alice, 30));
		List<ChatEvent> seen = new ArrayList<>();
		this.events.subscribe(seen::add);

		List<ChatMessage> shown = this.forwarded.accept("carol-id", thirty);
		List<ChatMessage> again = this.forwarded.accept("dave-id", thirty);

		assertThat(shown).extracting(ChatMessage::text)
			.containsExactlyElementsOf(thirty.stream().map((f) -> f.message().text()).toList());
		assertThat(again).isEmpty();
		assertThat(seen).hasSize(30);
		assertThat(this.history.all()).extracting(LoggedMessage::proof).doesNotContainNull();
		assertThat(this.signatures.verifications()).as("one tree, one verification").isEqualTo(1);
	}

	@Test
	void acceptWhenOneMessageWasAlteredShowsNothingOfTheFrame() {
		List<ForwardedMessages.Forwarded> frame = new ArrayList<>(signed(this.alice, broadcasts(this.alice, 10)));
		ForwardedMessages.Forwarded fifth = frame.get(5);
		ChatMessage m = fifth.message();
		frame.set(5, new ForwardedMessages.Forwarded(
				new ChatMessage(m.id(), m.fromId(), m.from(), null, null, "send 100 coins to mallory", m.sentAt()),
				fifth.key(), fifth.proof()));

		assertThatExceptionOfType(RefusedMessageException.class)
			.isThrownBy(() -> this.forwarded.accept("mallory-id", frame))
			.satisfies((ex) -> assertThat(ex.refusal()).isEqualTo(FrameRefusal.SIGNATURE));
		assertThat(this.history.all()).isEmpty();
	}

	@Test
	void acceptWhenSignedByAnotherKeyThanTheSendersRefusesIt() {
		// mallory signs messages that claim alice's peerId, and hands her own key along
		List<ChatMessage> claimed = broadcasts(this.alice, 3);
		List<MessageProof> proofs = MessageSignatures.sign(this.mallory, claimed);
		List<ForwardedMessages.Forwarded> frame = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			frame.add(new ForwardedMessages.Forwarded(claimed.get(i), this.mallory.publicIdentity(), proofs.get(i)));
		}

		assertThatExceptionOfType(RefusedMessageException.class)
			.isThrownBy(() -> this.forwarded.accept("mallory-id", frame));
		assertThat(this.history.all()).isEmpty();
	}

	@Test
	void acceptWhenAMessageIsPrivateRefusesTheFrame() {
		var secret = new ChatMessage(UUID.randomUUID(), this.alice.peerId(), "alice", "me", "me", "secret", T0);

		assertThatExceptionOfType(RefusedMessageException.class)
			.isThrownBy(() -> this.forwarded.accept("carol-id", signed(this.alice, List.of(secret))))
			.satisfies((ex) -> assertThat(ex.refusal()).isEqualTo(FrameRefusal.WRONG_RECIPIENT));
		assertThat(this.history.all()).isEmpty();
	}

	@Test
	void acceptWhenOlderThanWhatIsHeldFromTheSenderSkipsItToKeepTheOrder() {
		List<ChatMessage> ten = broadcasts(this.alice, 10);
		List<ForwardedMessages.Forwarded> all = signed(this.alice, ten);
		this.forwarded.accept("carol-id", all.subList(5, 10));

		List<ChatMessage> shown = this.forwarded.accept("dave-id", all);

		assertThat(shown).isEmpty();
		assertThat(this.history.all()).extracting((logged) -> logged.message().text())
			.containsExactly("message 5", "message 6", "message 7", "message 8", "message 9");
	}

	@Test
	void forwardableWhenANewcomerAsksOffersOnlyOtherSendersSignedBroadcastsItMissedInOrder() {
		List<ForwardedMessages.Forwarded> alices = signed(this.alice, broadcasts(this.alice, 30));
		this.forwarded.accept("carol-id", alices);
		this.forwarded.accept("carol-id", signed(this.mallory, broadcasts(this.mallory, 5)));
		var secret = new ChatMessage(new UUID(0x019a_0000_1000_7000L, 1), this.alice.peerId(), "alice", "me", "me",
				"secret", T0.plusSeconds(1));
		this.history
			.append(LoggedMessage.received(secret, MessageSignatures.sign(this.alice, List.of(secret)).getFirst()));
		this.history.append(LoggedMessage.received(
				new ChatMessage(new UUID(0x019a_0000_2000_7000L, 1), "dave-id", "dave", null, null, "unsigned", T0)));
		UUID heard = alices.get(9).message().id();

		List<LoggedMessage> offer = this.history.forwardable("newcomer-id", "me",
				java.util.Map.of(this.alice.peerId(), heard), java.util.Set.of(this.mallory.peerId()), 100, 16);
		List<LoggedMessage> newest = this.history.forwardable("newcomer-id", "me", java.util.Map.of(),
				java.util.Set.of(this.mallory.peerId()), 5, 16);

		assertThat(offer).extracting((logged) -> logged.message().text())
			.containsExactlyElementsOf(alices.subList(10, 30).stream().map((f) -> f.message().text()).toList());
		assertThat(newest).extracting((logged) -> logged.message().text())
			.containsExactly("message 25", "message 26", "message 27", "message 28", "message 29");

		// the newcomer checks and shows them: all 20, in order, once
		var newcomerHistory = new MessageLog(1000);
		var newcomer = new ForwardedMessages("newcomer-id", newcomerHistory, new Dedup(1000), new ChatEvents(),
				new MessageSignatures(), UnaryOperator.identity());
		List<ForwardedMessages.Forwarded> frame = offer.stream()
			.map((logged) -> new ForwardedMessages.Forwarded(logged.message(), this.alice.publicIdentity(),
					logged.proof()))
			.toList();
		assertThat(newcomer.accept("me", frame)).hasSize(20);
		assertThat(newcomer.accept("carol-id", frame)).isEmpty();
	}

	private static List<ChatMessage> broadcasts(Identity sender, int count) {
		List<ChatMessage> messages = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			// UUIDv7-like: increasing high bits
			messages.add(new ChatMessage(new UUID(0x019a_0000_0000_7000L + ((long) i << 16), i), sender.peerId(),
					"alice", null, null, "message " + i, T0.plusMillis(i)));
		}
		return messages;
	}

	private static List<ForwardedMessages.Forwarded> signed(Identity sender, List<ChatMessage> messages) {
		List<MessageProof> proofs = MessageSignatures.sign(sender, messages);
		List<ForwardedMessages.Forwarded> frame = new ArrayList<>();
		for (int i = 0; i < messages.size(); i++) {
			frame.add(new ForwardedMessages.Forwarded(messages.get(i), sender.publicIdentity(), proofs.get(i)));
		}
		return frame;
	}

}
