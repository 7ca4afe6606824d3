package dev.p2pchat.peer.messaging;

import java.net.URI;
import java.util.Objects;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.p2pchat.peer.mesh.LinkState;

/**
 * What this peer sees live, as {@code GET /messages/stream} relays it.
 */
public sealed interface ChatEvent {

	/** The SSE event name ({@code docs/api.md}). */
	String name();

	/**
	 * A message sent by this peer or received.
	 *
	 * @param message the message
	 * @param replyTo the message it answers, {@code null} when none
	 */
	record Message(ChatMessage message, @Nullable UUID replyTo) implements ChatEvent {

		public Message {
			Objects.requireNonNull(message, "message");
		}

		public Message(ChatMessage message) {
			this(message, null);
		}

		@Override
		public String name() {
			return "message";
		}

	}

	/**
	 * A recipient's delivery state changed.
	 *
	 * @param messageId the message
	 * @param peerId the recipient
	 * @param username the recipient's username
	 * @param state the new state
	 */
	record Receipt(UUID messageId, String peerId, String username, DeliveryState state) implements ChatEvent {

		@Override
		public String name() {
			return "receipt";
		}

	}

	/**
	 * A peer joined or left, or its link changed.
	 *
	 * @param kind {@code joined}, {@code left} or {@code link}
	 * @param peerId the peer
	 * @param username its username
	 * @param url its advertised URL
	 * @param link the link state
	 */
	record Peer(String kind, String peerId, String username, URI url, LinkState link) implements ChatEvent {

		@Override
		public String name() {
			return this.kind;
		}

	}

	/**
	 * A peer, possibly this one, was renamed.
	 *
	 * @param peerId the peer
	 * @param username the new name
	 * @param previousUsername the old name
	 */
	record Renamed(String peerId, String username, String previousUsername) implements ChatEvent {

		@Override
		public String name() {
			return "renamed";
		}

	}

	/**
	 * A username is now listed with another key than the one this peer trusts for it:
	 * private messages to it are refused until the owner accepts the new key.
	 *
	 * @param username the name
	 * @param oldPeerId the trusted peerId
	 * @param newPeerId the peerId the tracker lists now
	 */
	record KeyChanged(String username, String oldPeerId, String newPeerId) implements ChatEvent {

		@Override
		public String name() {
			return "key-changed";
		}

	}

	/**
	 * A peer's user is typing (ephemeral: never stored).
	 *
	 * @param fromId the typing peer
	 * @param from its username
	 * @param to this peer's username when the message being typed is private to it,
	 * {@code null} for a message to everyone
	 */
	record Typing(String fromId, String from, @Nullable String to) implements ChatEvent {

		@Override
		public String name() {
			return "typing";
		}

	}

	/**
	 * A message's sender edited its text.
	 *
	 * @param messageId the message
	 * @param fromId its sender
	 * @param text the new text
	 */
	record Edited(UUID messageId, String fromId, String text) implements ChatEvent {

		@Override
		public String name() {
			return "edited";
		}

	}

	/**
	 * A message's sender deleted it: its text is gone.
	 *
	 * @param messageId the message
	 * @param fromId its sender
	 */
	record Deleted(UUID messageId, String fromId) implements ChatEvent {

		@Override
		public String name() {
			return "deleted";
		}

	}

	/**
	 * Someone added ({@code added}) or removed a reaction to a message.
	 *
	 * @param messageId the message
	 * @param fromId its sender
	 * @param emoji the reaction
	 * @param peerId who reacted
	 * @param username their username
	 * @param added whether it was added rather than removed
	 */
	record Reaction(UUID messageId, String fromId, String emoji, String peerId, String username,
			boolean added) implements ChatEvent {

		@Override
		public String name() {
			return "reaction";
		}

	}

	/**
	 * Someone read a conversation up to this message.
	 *
	 * @param messageId the message
	 * @param fromId its sender
	 * @param peerId the reader
	 * @param username the reader's username
	 */
	record Read(UUID messageId, String fromId, String peerId, String username) implements ChatEvent {

		@Override
		public String name() {
			return "read";
		}

	}

}
