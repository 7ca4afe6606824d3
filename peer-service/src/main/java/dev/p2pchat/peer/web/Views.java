package dev.p2pchat.peer.web;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

import dev.p2pchat.peer.mesh.LinkState;
import dev.p2pchat.peer.messaging.ChatMessage;
import dev.p2pchat.peer.messaging.LoggedMessage;
import dev.p2pchat.peer.messaging.MessageActions;
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
	record SendRequest(@Nullable String to, @Nullable String text, @Nullable UUID replyTo) {
	}

	/**
	 * Body of {@code PATCH /messages/{id}}.
	 *
	 * @param text the new text
	 */
	record EditRequest(@Nullable String text) {
	}

	/**
	 * Body of {@code POST /messages/read}.
	 *
	 * @param upTo the newest message read in its conversation
	 */
	record ReadRequest(@Nullable UUID upTo) {
	}

	/** Who has read a message (or past it in its conversation). */
	record Reader(String peerId, String username) {
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
	record MessageView(UUID id, String from, String fromId, @Nullable String to, String text, Instant sentAt,
			@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable UUID replyTo,
			@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Boolean edited,
			@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Boolean deleted,
			@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Map<String, List<String>> reactions) {

		static MessageView of(ChatMessage message) {
			return new MessageView(message.id(), message.from(), message.fromId(), message.to(), message.text(),
					message.sentAt(), null, null, null, null);
		}

		static MessageView of(ChatMessage message, @Nullable UUID replyTo) {
			return new MessageView(message.id(), message.from(), message.fromId(), message.to(), message.text(),
					message.sentAt(), replyTo, null, null, null);
		}

		/** With what its actions made of it: a deleted message's text is empty. */
		static MessageView of(LoggedMessage logged) {
			ChatMessage message = logged.message();
			MessageActions actions = logged.actions();
			return new MessageView(message.id(), message.from(), message.fromId(), message.to(),
					actions.deleted() ? "" : message.text(), message.sentAt(), actions.replyTo(),
					actions.edited() ? true : null, actions.deleted() ? true : null,
					actions.reactions().isEmpty() ? null : actions.reactions());
		}

	}

	/** A message with its delivery state per recipient. */
	record MessageDetail(UUID id, String from, String fromId, @Nullable String to, String text, Instant sentAt,
			List<Recipient> recipients, @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable UUID replyTo,
			@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Boolean edited,
			@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Boolean deleted,
			@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Map<String, List<String>> reactions,
			List<Reader> read) {

		/** {@code read}: who has read it, or a later message of its conversation. */
		static MessageDetail of(LoggedMessage logged, Map<String, String> readers) {
			MessageView view = MessageView.of(logged);
			List<Reader> read = readers.entrySet().stream().map((r) -> new Reader(r.getKey(), r.getValue())).toList();
			return new MessageDetail(view.id(), view.from(), view.fromId(), view.to(), view.text(), view.sentAt(),
					logged.recipients(), view.replyTo(), view.edited(), view.deleted(), view.reactions(), read);
		}

	}

	/** A known peer with its link state; also the data of joined/left/link events. */
	record PeerView(String peerId, String username, URI url, LinkState link) {
	}

	/** This peer; {@code maxTextLength} is the longest text it accepts to send. */
	record MeView(String peerId, String username, URI url, boolean registered, int maxTextLength) {
	}

}
