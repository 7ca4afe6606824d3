package dev.p2pchat.peer.messaging;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.p2pchat.link.identity.Identity;
import dev.p2pchat.peer.mesh.RefusedMessageException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class StreamTreesTests {

	private final Identity alice = Identity.generate();

	private final StreamTrees.Outgoing out = new StreamTrees.Outgoing(this.alice);

	private final StreamTrees.Incoming in = new StreamTrees.Incoming(this.alice.publicIdentity());

	private final MessageSignatures signatures = new MessageSignatures();

	@Test
	void headWhenReceiverGotTheMessagesGivesEachAProofAnyPeerCanCheck() {
		List<ChatMessage> sent = messages(20);
		sent.subList(0, 12).forEach(this::carry);
		StreamTrees.Head first = this.out.head();
		sent.subList(12, 20).forEach(this::carry);

		List<StreamTrees.Proven> proven = new ArrayList<>(this.in.head(first));
		proven.addAll(this.in.head(this.out.head()));

		assertThat(first.count()).isEqualTo(12);
		assertThat(proven).extracting(StreamTrees.Proven::message).containsExactlyElementsOf(sent);
		assertThat(proven).allSatisfy(
				(p) -> assertThat(new MessageSignatures().verified(p.message(), this.alice.publicIdentity(), p.proof()))
					.isTrue());
	}

	@Test
	void headWhenAMessageWasReadDifferentlyThanSignedRefusesIt() {
		List<ChatMessage> sent = messages(3);
		sent.forEach(this.out::written);
		this.in.received(sent.get(0));
		ChatMessage m = sent.get(1);
		this.in.received(new ChatMessage(m.id(), m.fromId(), m.from(), null, null, "altered", m.sentAt()));
		this.in.received(sent.get(2));

		assertThatExceptionOfType(RefusedMessageException.class).isThrownBy(() -> this.in.head(this.out.head()));
	}

	@Test
	void headWhenItCoversMoreThanTheLinkBroughtOrIsSignedByAnotherKeyRefusesIt() {
		List<ChatMessage> sent = messages(2);
		sent.forEach(this::carry);
		StreamTrees.Head head = this.out.head();
		var mallory = new StreamTrees.Outgoing(Identity.generate());
		sent.forEach(mallory::written);

		assertThatExceptionOfType(RefusedMessageException.class)
			.isThrownBy(() -> this.in.head(new StreamTrees.Head(3, head.signature())));
		assertThatExceptionOfType(RefusedMessageException.class).isThrownBy(() -> this.in.head(mallory.head()));
	}

	@Test
	void dueWhenNothingWasWrittenIsNotDue() {
		assertThat(this.out.due(true)).isFalse();
		this.out.written(messages(1).getFirst());
		assertThat(this.out.due(false)).isFalse();
		assertThat(this.out.due(true)).isTrue();
	}

	private void carry(ChatMessage message) {
		this.out.written(message);
		this.in.received(message);
	}

	private List<ChatMessage> messages(int count) {
		List<ChatMessage> messages = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			messages.add(new ChatMessage(UUID.randomUUID(), this.alice.peerId(), "alice", (i % 3 == 0) ? "me" : null,
					(i % 3 == 0) ? "me" : null, "message " + i, Instant.parse("2026-12-07T16:00:00Z").plusMillis(i)));
		}
		return messages;
	}

}
