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
	 */
	record Message(ChatMessage message) implements ChatEvent {

		public Message {
			Objects.requireNonNull(message, "message");
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
	record Peer(String kind, String peerId, String username, URI url, LinkState link,
			@Nullable String via) implements ChatEvent {

		/** A peer whose link is not relayed. */
		public Peer(String kind, String peerId, String username, URI url, LinkState link) {
			this(kind, peerId, username, url, link, null);
		}

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

}
