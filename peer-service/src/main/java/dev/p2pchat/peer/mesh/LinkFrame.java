package dev.p2pchat.peer.mesh;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.jspecify.annotations.Nullable;

/**
 * One JSON text frame of the link protocol ({@code docs/protocol.md}); the {@code type}
 * property names the kind.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({ @JsonSubTypes.Type(value = LinkFrame.Hello.class, name = "hello"),
		@JsonSubTypes.Type(value = LinkFrame.Batch.class, name = "batch"),
		@JsonSubTypes.Type(value = LinkFrame.Ack.class, name = "ack"),
		@JsonSubTypes.Type(value = LinkFrame.Ping.class, name = "ping"),
		@JsonSubTypes.Type(value = LinkFrame.Typing.class, name = "typing"),
		@JsonSubTypes.Type(value = LinkFrame.Since.class, name = "since"),
		@JsonSubTypes.Type(value = LinkFrame.CatchUp.class, name = "catchup"),
		@JsonSubTypes.Type(value = CircuitFrame.Open.class, name = "circuit-open"),
		@JsonSubTypes.Type(value = CircuitFrame.Accept.class, name = "circuit-accept"),
		@JsonSubTypes.Type(value = CircuitFrame.Refuse.class, name = "circuit-refuse"),
		@JsonSubTypes.Type(value = CircuitFrame.Data.class, name = "circuit-data"),
		@JsonSubTypes.Type(value = CircuitFrame.Close.class, name = "circuit-close"),
		@JsonSubTypes.Type(value = CircuitFrame.DialBack.class, name = "dial-back") })
sealed interface LinkFrame {

	/** The frames of relayed links and dial-backs ({@link CircuitFrame}). */
	non-sealed interface Circuit extends LinkFrame {

	}

	/** Protocol version spoken by this implementation. */
	int VERSION = 2;

	/**
	 * First frame in each direction: who is speaking.
	 *
	 * @param version protocol version, {@link #VERSION}
	 * @param peerId the speaker's peerId
	 * @param username the speaker's username
	 * @param url the speaker's advertised URL
	 * @param epoch identifies the speaker's outgoing stream; a new epoch (the speaker
	 * restarted) resets the receiver's sequence tracking
	 */
	record Hello(int version, String peerId, String username, URI url, String epoch) implements LinkFrame {

		public Hello {
			Objects.requireNonNull(peerId, "peerId");
			Objects.requireNonNull(username, "username");
			Objects.requireNonNull(url, "url");
			Objects.requireNonNull(epoch, "epoch");
		}

	}

	/**
	 * Messages numbered {@code seq}, {@code seq + 1}, ... in the sender's stream to this
	 * receiver.
	 *
	 * @param seq sequence number of the first message, at least 1
	 * @param messages the messages, at least one (JSON objects on the wire; the
	 * listener's message type once decoded)
	 */
	record Batch(long seq, List<?> messages) implements LinkFrame {

		public Batch {
			if (seq < 1) {
				throw new IllegalArgumentException("seq must be positive");
			}
			if (messages == null || messages.isEmpty()) {
				throw new IllegalArgumentException("a batch carries at least one message");
			}
		}

	}

	/**
	 * Cumulative acknowledgement: every message up to and including {@code seq} was
	 * received.
	 *
	 * @param seq the highest sequence number received in order
	 */
	record Ack(long seq) implements LinkFrame {

		public Ack {
			if (seq < 1) {
				throw new IllegalArgumentException("seq must be positive");
			}
		}

	}

	/**
	 * Keep-alive, written by a sender that has written nothing for one ping interval.
	 * Needs no answer: any frame received proves the link alive. (WebSocket ping control
	 * frames are not used: a container answers them with a pong written from its read
	 * thread, which then waits behind a large frame being written and can stall both
	 * directions of a busy link.)
	 */
	record Ping() implements LinkFrame {

	}

	/**
	 * The speaker's user is typing: ephemeral, written only on a live link (never queued,
	 * acknowledged, stored or relayed), at most one per few seconds per link.
	 *
	 * @param privately true when the user types a private message to the receiver, false
	 * for a message to everyone
	 */
	record Typing(@JsonProperty("private") boolean privately) implements LinkFrame {

	}

	/**
	 * First frame after the handshake in each direction: the newest message the speaker
	 * holds from the other peer, so that the other can offer what the speaker missed
	 * ({@link CatchUp}).
	 *
	 * @param last that message's id, {@code null} when the speaker holds none
	 */
	record Since(@Nullable UUID last) implements LinkFrame {

	}

	/**
	 * The speaker's own recent broadcasts that the receiver has not seen (after its
	 * {@link Since}), oldest first, written before anything of the outbox on a new link.
	 * Neither numbered nor acknowledged: the receiver de-duplicates them by id, and a
	 * catch-up lost with its link is offered again on the next one.
	 *
	 * @param messages at least one, at most {@link #MAX_CATCH_UP}
	 */
	record CatchUp(List<?> messages) implements LinkFrame {

		/** Most messages a catch-up carries. */
		public static final int MAX_CATCH_UP = 100;

		public CatchUp {
			if (messages == null || messages.isEmpty() || messages.size() > MAX_CATCH_UP) {
				throw new IllegalArgumentException("a catch-up carries 1 to " + MAX_CATCH_UP + " messages");
			}
		}

	}

}
