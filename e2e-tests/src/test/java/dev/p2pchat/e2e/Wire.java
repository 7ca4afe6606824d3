package dev.p2pchat.e2e;

import java.util.List;

import org.jspecify.annotations.Nullable;

/** The parts of the services' JSON (docs/api.md) that the end-to-end tests read. */
final class Wire {

	private Wire() {
	}

	/** A message in a peer's history; {@code to} is null for a broadcast. */
	record ChatMessage(String id, String from, @Nullable String to, String text) {
	}

	/** {@code GET /messages/{id}}: the delivery state per recipient. */
	record MessageStatus(String id, List<Recipient> recipients) {

		@Nullable String stateFor(String username) {
			return this.recipients.stream()
				.filter((recipient) -> recipient.username().equals(username))
				.map(Recipient::state)
				.findFirst()
				.orElse(null);
		}

	}

	record Recipient(String peerId, String username, String state) {
	}

	/** A peer as another peer sees it, with the state of the link between them. */
	record LinkedPeer(String peerId, String username, String url, String link) {
	}

	/** A peer as the tracker lists it. */
	record ListedPeer(String peerId, String username, String url) {
	}

	/** {@code GET /me} */
	record Me(String peerId, String username, String url, boolean registered) {
	}

}
