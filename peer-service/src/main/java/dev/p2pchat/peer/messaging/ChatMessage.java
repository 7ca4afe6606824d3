package dev.p2pchat.peer.messaging;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * One chat message, as its sender made it; its JSON form is the API's and the history's,
 * its link form a message record ({@link WireMessages}).
 *
 * @param id globally unique, made by the sender (UUIDv7)
 * @param fromId the sender's peerId
 * @param from the sender's username when it sent the message
 * @param toId the recipient's peerId, {@code null} for a broadcast
 * @param to the recipient's username, {@code null} for a broadcast
 * @param text the text, never empty
 * @param sentAt when the sender accepted it
 */
@JsonDeserialize(using = WireMessageDeserializer.class)
public record ChatMessage(UUID id, String fromId, String from, @Nullable String toId, @Nullable String to, String text,
		@JsonDeserialize(using = WireInstantDeserializer.class) Instant sentAt) {

	/** Longest text any peer accepts on a link, whatever its own limit for sending. */
	static final int MAX_WIRE_TEXT = 65_536;

	public ChatMessage {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(fromId, "fromId");
		Objects.requireNonNull(from, "from");
		Objects.requireNonNull(sentAt, "sentAt");
		if (text == null || text.isEmpty() || text.length() > MAX_WIRE_TEXT) {
			throw new IllegalArgumentException("text must have 1 to " + MAX_WIRE_TEXT + " characters");
		}
		if ((toId == null) != (to == null)) {
			throw new IllegalArgumentException("toId and to go together");
		}
	}

	/** Whether this is a broadcast rather than a private message. */
	public boolean broadcast() {
		return this.toId == null;
	}

}
