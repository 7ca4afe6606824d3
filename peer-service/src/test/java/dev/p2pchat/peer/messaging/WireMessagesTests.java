package dev.p2pchat.peer.messaging;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.p2pchat.link.frame.MessageRecord;
import dev.p2pchat.link.frame.MessageTag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class WireMessagesTests {

	private static final Instant SENT_AT = Instant.parse("2026-11-25T16:00:00.123456Z");

	@Test
	void messageWhenEncodedAndDecodedOnItsLinkComesBackWithTheLinksPeerAsSender() {
		var message = new ChatMessage(UUID.randomUUID(), "alice-id", "alice", "bob-id", "bob", "psst", SENT_AT);

		MessageRecord wire = WireMessages.encode(message);

		assertThat(WireMessages.decode("alice-id", wire)).isEqualTo(message);
		assertThat(wire.toByteArray()).asString().doesNotContain("alice-id");
	}

	@Test
	void encodeWhenTheTextHoldsALoneSurrogateRefusesIt() {
		var message = new ChatMessage(UUID.randomUUID(), "alice-id", "alice", null, null, "x\ud800y", SENT_AT);

		assertThatIllegalArgumentException().isThrownBy(() -> WireMessages.encode(message))
			.withMessageContaining("lone surrogate");
	}

	@Test
	void decodeWhenAFieldIsMissingOrHalfARecipientRefusesIt() {
		MessageRecord noId = MessageRecord.builder()
			.string(MessageTag.FROM, "alice")
			.string(MessageTag.TEXT, "hi")
			.instant(MessageTag.SENT_AT, SENT_AT)
			.build();
		MessageRecord halfRecipient = MessageRecord.builder()
			.uuid(MessageTag.ID, UUID.randomUUID())
			.string(MessageTag.FROM, "alice")
			.string(MessageTag.TO_ID, "bob-id")
			.string(MessageTag.TEXT, "hi")
			.instant(MessageTag.SENT_AT, SENT_AT)
			.build();

		assertThatNullPointerException().isThrownBy(() -> WireMessages.decode("alice-id", noId));
		assertThatIllegalArgumentException().isThrownBy(() -> WireMessages.decode("alice-id", halfRecipient));
	}

}
