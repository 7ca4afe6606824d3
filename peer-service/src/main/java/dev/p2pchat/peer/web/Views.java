package dev.p2pchat.peer.web;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

import dev.p2pchat.peer.mesh.LinkState;
import dev.p2pchat.peer.messaging.ChatMessage;
import dev.p2pchat.peer.messaging.Recipient;

/**
 * Request and response bodies of the REST API ({@code docs/api.md}).
 */
final class Views {

	private Views() {
	}

	/**
	 * Body of {@code POST /messages}.
	 *
	 * @param to recipient username, {@code null} to broadcast
	 * @param text the text
	 */
	record SendRequest(@Nullable String to, @Nullable String text) {
	}

	/**
	 * Body of {@code POST /typing}.
	 *
	 * @param to recipient username of the private message being typed, {@code null} for
	 * one to everyone
	 */
	record TypingRequest(@Nullable String to) {
	}

	/**
	 * Body of {@code PUT /me}.
	 *
	 * @param username the new username
	 */
	record RenameRequest(@Nullable String username) {
	}

	/**
	 * Body of {@code POST /names/{username}/accept}.
	 *
	 * @param peerId the key (peerId) the owner accepts for the name
	 */
	record AcceptRequest(@Nullable String peerId) {
	}

	/** A name and the peerId this peer now trusts for it. */
	record TrustedName(String username, String peerId) {
	}

	/**
	 * A message: {@code from}/{@code to} are usernames, {@code to} null for a broadcast;
	 * {@code fromId} is the sender's peerId, as authenticated by its link (two people who
	 * used one name at different times have different ids).
	 */
	record MessageView(UUID id, String from, String fromId, @Nullable String to, String text, Instant sentAt) {

		static MessageView of(ChatMessage message) {
			return new MessageView(message.id(), message.from(), message.fromId(), message.to(), message.text(),
					message.sentAt());
		}

	}

	/** A message with its delivery state per recipient. */
	record MessageDetail(UUID id, String from, String fromId, @Nullable String to, String text, Instant sentAt,
			List<Recipient> recipients) {

		static MessageDetail of(ChatMessage message, List<Recipient> recipients) {
			return new MessageDetail(message.id(), message.from(), message.fromId(), message.to(), message.text(),
					message.sentAt(), recipients);
		}

	}

	/**
	 * A known peer with its link state; also the data of joined/left/link events.
	 * {@code via} is the relay's peerId of a {@code relayed} link, absent otherwise.
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record PeerView(String peerId, String username, URI url, LinkState link, @Nullable String via) {

		PeerView(String peerId, String username, URI url, LinkState link) {
			this(peerId, username, url, link, null);
		}

	}

	/** This peer; {@code maxTextLength} is the longest text it accepts to send. */
	record MeView(String peerId, String username, URI url, boolean registered, int maxTextLength) {
	}

}
