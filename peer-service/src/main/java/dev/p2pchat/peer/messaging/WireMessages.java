package dev.p2pchat.peer.messaging;

import java.time.Instant;
import java.util.UUID;

import dev.p2pchat.link.frame.MessageRecord;
import dev.p2pchat.link.frame.MessageTag;

/**
 * A {@link ChatMessage} in its link form, a {@link MessageRecord} (see
 * {@code docs/protocol.md}): encoded once by its sender for every recipient. The sender's
 * peerId is not a field: a received message's sender is the link's authenticated peer.
 */
final class WireMessages {

	private WireMessages() {
	}

	/**
	 * @throws IllegalArgumentException when a text holds a lone surrogate (it has no
	 * UTF-8 form)
	 */
	static MessageRecord encode(ChatMessage message) {
		return MessageRecord.builder()
			.uuid(MessageTag.ID, message.id())
			.string(MessageTag.FROM, message.from())
			.string(MessageTag.TO_ID, message.toId())
			.string(MessageTag.TO, message.to())
			.string(MessageTag.TEXT, message.text())
			.instant(MessageTag.SENT_AT, message.sentAt())
			.build();
	}

	/**
	 * The message a link from {@code fromId} carried.
	 * @throws IllegalArgumentException (or {@code NullPointerException}) when a field is
	 * missing or not of its form
	 */
	static ChatMessage decode(String fromId, MessageRecord record) {
		UUID id = record.uuid(MessageTag.ID);
		String from = record.string(MessageTag.FROM);
		String text = record.string(MessageTag.TEXT);
		Instant sentAt = record.instant(MessageTag.SENT_AT);
		return new ChatMessage(id, fromId, from, record.string(MessageTag.TO_ID), record.string(MessageTag.TO), text,
				sentAt);
	}

}
