package dev.p2pchat.peer.messaging;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.p2pchat.link.frame.MessageRecord;
import dev.p2pchat.peer.config.LocalPeer;
import dev.p2pchat.peer.config.Username;
import dev.p2pchat.peer.mesh.FrameRefusal;
import dev.p2pchat.peer.mesh.RefusedMessageException;
import dev.p2pchat.peer.tracker.KnownPeer;
import dev.p2pchat.peer.tracker.PeerDirectory;

/**
 * The edge where a message from a link becomes a {@link ChatMessage} this peer may hold:
 * it obeys the rules a sent message obeys (text length, usernames, recipient), its sender
 * being the link's authenticated peer (never a field it carries), or it is refused with
 * the reason (the link is then closed, 1007). Received messages are checked here and
 * nowhere else. Thread-safe.
 */
final class ReceivedMessages {

	private final LocalPeer self;

	private final PeerDirectory directory;

	private final Clock clock;

	private final Rules rules;

	/**
	 * What a received message must obey.
	 *
	 * @param maxTextLength this peer's {@code p2pchat.peer.max-text-length}: a longer
	 * text is refused, as {@code POST /messages} refuses it
	 * @param maxClockSkew how far ahead of this peer's clock {@code sentAt} may be
	 * @param maxAge how far behind it {@code sentAt} may be
	 */
	record Rules(int maxTextLength, Duration maxClockSkew, Duration maxAge) {

	}

	ReceivedMessages(LocalPeer self, PeerDirectory directory, Clock clock, Rules rules) {
		this.self = self;
		this.directory = directory;
		this.clock = clock;
		this.rules = rules;
	}

	/**
	 * The message {@code peerId}'s link delivered, under the name the tracker lists for
	 * its sender.
	 * @throws RefusedMessageException when it breaks a rule
	 */
	ChatMessage parse(String peerId, MessageRecord received) {
		ChatMessage message = bind(peerId, received);
		if (message.toId() != null && !message.toId().equals(this.self.id())) {
			throw new RefusedMessageException(FrameRefusal.WRONG_RECIPIENT, "private message for another peer");
		}
		checkContent(message);
		KnownPeer sender = this.directory.find(peerId).orElse(null);
		if (!nameIsTheSenders(sender, peerId, message.from())) {
			throw new RefusedMessageException(FrameRefusal.FORGED_NAME, "message claims another peer's name");
		}
		return underListedName(sender, message);
	}

	/**
	 * A message forwarded by a third peer, checked by the rules that need no link (its
	 * signature is {@link ForwardedMessages}' business): kept exactly as signed.
	 * @throws RefusedMessageException when it breaks a rule
	 */
	ChatMessage checkForwarded(ChatMessage message) {
		checkContent(message);
		KnownPeer sender = this.directory.find(message.fromId()).orElse(null);
		if (!nameIsTheSenders(sender, message.fromId(), message.from())) {
			throw new RefusedMessageException(FrameRefusal.FORGED_NAME, "message claims another peer's name");
		}
		return message;
	}

	/** Whether a broadcast of this peer's own is still young enough to be offered. */
	boolean offerable(ChatMessage message) {
		return !message.sentAt().isBefore(this.clock.instant().minus(this.rules.maxAge()));
	}

	private static ChatMessage bind(String peerId, MessageRecord received) {
		try {
			return WireMessages.decode(peerId, received);
		}
		catch (NullPointerException | IllegalArgumentException ex) {
			throw new RefusedMessageException(FrameRefusal.MALFORMED, "not a chat message");
		}
	}

	private void checkContent(ChatMessage message) {
		if (message.text().isBlank() || message.text().length() > this.rules.maxTextLength()) {
			throw new RefusedMessageException(FrameRefusal.TEXT_LENGTH,
					"text of " + message.text().length() + " characters (1 to " + this.rules.maxTextLength() + ")");
		}
		if (!Username.isValid(message.from()) || (message.to() != null && !Username.isValid(message.to()))) {
			throw new RefusedMessageException(FrameRefusal.USERNAME, "from or to is not a valid username");
		}
		checkSentAt(message.sentAt());
	}

	private void checkSentAt(Instant sentAt) {
		Instant now = this.clock.instant();
		if (sentAt.isAfter(now.plus(this.rules.maxClockSkew()))) {
			throw new RefusedMessageException(FrameRefusal.SENT_AT,
					"sentAt more than " + this.rules.maxClockSkew() + " ahead of this peer's clock");
		}
		if (sentAt.isBefore(now.minus(this.rules.maxAge()))) {
			throw new RefusedMessageException(FrameRefusal.SENT_AT,
					"sentAt more than " + this.rules.maxAge() + " in the past");
		}
	}

	/**
	 * The name a sender puts on a message must not be another known peer's or this
	 * peer's. (It may differ from the name listed now: a rename and a message can cross.)
	 */
	private boolean nameIsTheSenders(@Nullable KnownPeer sender, String peerId, String from) {
		if (sender != null && sender.username().equalsIgnoreCase(from)) {
			return true;
		}
		return this.directory.findByUsername(from).map((holder) -> holder.peerId().equals(peerId)).orElse(true)
				&& !from.equalsIgnoreCase(this.self.username());
	}

	/**
	 * A listed sender's messages show the name the tracker lists for it, whatever they
	 * say: a peer cannot pass its messages off under a name it held earlier, or one
	 * another peer held (or this peer's owner held) before a rename.
	 */
	private static ChatMessage underListedName(@Nullable KnownPeer sender, ChatMessage message) {
		if (sender == null || sender.username().equals(message.from())) {
			return message;
		}
		return new ChatMessage(message.id(), message.fromId(), sender.username(), message.toId(), message.to(),
				message.text(), message.sentAt());
	}

}
