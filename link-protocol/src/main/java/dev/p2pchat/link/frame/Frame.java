package dev.p2pchat.link.frame;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One frame of the link protocol after the handshake ({@code docs/protocol.md}), read and
 * written by {@link FrameCodec}.
 */
public sealed interface Frame {

	/** The frame's type byte. */
	FrameType type();

	/**
	 * Messages numbered {@code seq}, {@code seq + 1}, ... in the sender's stream to this
	 * receiver.
	 *
	 * @param seq sequence number of the first message, at least 1
	 * @param messages the messages, at least one
	 */
	record Batch(long seq, List<MessageRecord> messages) implements Frame {

		public Batch {
			if (seq < 1) {
				throw new IllegalArgumentException("seq must be positive");
			}
			if (messages.isEmpty()) {
				throw new IllegalArgumentException("a batch carries at least one message");
			}
		}

		@Override
		public FrameType type() {
			return FrameType.BATCH;
		}

	}

	/**
	 * Cumulative acknowledgement: every message up to and including {@code seq} was
	 * received.
	 *
	 * @param seq the highest sequence number received in order, at least 1
	 */
	record Ack(long seq) implements Frame {

		public Ack {
			if (seq < 1) {
				throw new IllegalArgumentException("seq must be positive");
			}
		}

		@Override
		public FrameType type() {
			return FrameType.ACK;
		}

	}

	/**
	 * Keep-alive, written by a sender that has written nothing for one ping interval.
	 * Needs no answer: any frame received proves the link alive. (WebSocket ping control
	 * frames are not used: a container answers them with a pong written from its read
	 * thread, which then waits behind a large frame being written and can stall both
	 * directions of a busy link.)
	 */
	record Ping() implements Frame {

		@Override
		public FrameType type() {
			return FrameType.PING;
		}

	}

	/**
	 * The speaker's user is typing: ephemeral, written only on a live link (never queued,
	 * acknowledged, stored or relayed).
	 *
	 * @param privately true when the user types a private message to the receiver, false
	 * for a message to everyone
	 */
	record Typing(boolean privately) implements Frame {

		@Override
		public FrameType type() {
			return FrameType.TYPING;
		}

	}

	/**
	 * First frame after the handshake in each direction: the newest message the speaker
	 * holds from the other peer, so that the other can offer what the speaker missed
	 * ({@link CatchUp}).
	 *
	 * @param last that message's id, {@code null} when the speaker holds none
	 */
	record Since(@Nullable UUID last) implements Frame {

		@Override
		public FrameType type() {
			return FrameType.SINCE;
		}

	}

	/**
	 * The speaker's own recent broadcasts that the receiver has not seen (after its
	 * {@link Since}), oldest first, written before anything of the outbox on a new link.
	 * Neither numbered nor acknowledged: the receiver de-duplicates them by id, and a
	 * catch-up lost with its link is offered again on the next one.
	 *
	 * @param messages at least one, at most {@link #MAX_CATCH_UP}
	 */
	record CatchUp(List<MessageRecord> messages) implements Frame {

		/** Most messages a catch-up carries. */
		public static final int MAX_CATCH_UP = 100;

		public CatchUp {
			if (messages.isEmpty() || messages.size() > MAX_CATCH_UP) {
				throw new IllegalArgumentException("a catch-up carries 1 to " + MAX_CATCH_UP + " messages");
			}
		}

		@Override
		public FrameType type() {
			return FrameType.CATCH_UP;
		}

	}

}
