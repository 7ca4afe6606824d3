package dev.p2pchat.peer.console;

import java.time.Instant;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The parts of the peer's public HTTP API bodies (docs/api.md) that the terminal client
 * reads; other fields are ignored.
 */
final class ApiViews {

	private ApiViews() {
	}

	/** {@code GET /me}. */
	record Me(String peerId, String username) {
	}

	/**
	 * An entry of {@code GET /peers}, and the data of joined/left/link events;
	 * {@code via} is the relay's peerId of a relayed link.
	 */
	record Peer(String peerId, String username, @Nullable String link, @Nullable String via) {

		Peer(String peerId, String username, @Nullable String link) {
			this(peerId, username, link, null);
		}

	}

	/**
	 * A message; {@code to} is null for a broadcast. {@code fromId} is the sender's
	 * peerId: an id is its sender's, so a message is known by both.
	 */
	record Message(String id, String from, @Nullable String to, String text, @Nullable Instant sentAt,
			@Nullable String fromId) {

		Message(String id, String from, @Nullable String to, String text, @Nullable Instant sentAt) {
			this(id, from, to, text, sentAt, null);
		}

		/** The sender and the id: another sender reusing an id is another message. */
		String key() {
			return ((this.fromId != null) ? this.fromId : this.from.toLowerCase(Locale.ROOT)) + "/" + this.id;
		}

	}

	/** A receipt event: a recipient's delivery state changed. */
	record Receipt(String messageId, String username, String state) {
	}

	/** A renamed event. */
	record Renamed(String peerId, String username, @Nullable String previousUsername) {
	}

	/** An entry of {@code GET /names/changes}, and the data of a key-changed event. */
	record KeyChange(String username, String oldPeerId, String newPeerId) {
	}

	/** A problem+json error body. */
	record Problem(@Nullable String title, @Nullable String detail) {
	}

}
