package dev.p2pchat.peer.messaging;

import java.util.List;
import java.util.function.UnaryOperator;

import lombok.extern.slf4j.Slf4j;

import dev.p2pchat.link.identity.PublicIdentity;
import dev.p2pchat.link.signing.MessageProof;
import dev.p2pchat.peer.mesh.FrameRefusal;
import dev.p2pchat.peer.mesh.RefusedMessageException;

/**
 * Messages that reach this peer from someone other than their sender (a third peer's
 * catch-up): shown only with their sender's valid signature, only broadcasts, each
 * sender's in order (never one older than the newest this peer holds from that sender),
 * once. Thread-safe.
 */
@Slf4j
final class ForwardedMessages {

	/**
	 * One forwarded message with what proves it.
	 *
	 * @param message the message exactly as its sender signed it
	 * @param key its sender's public key
	 * @param proof its sender's signature
	 */
	record Forwarded(ChatMessage message, PublicIdentity key, MessageProof proof) {

	}

	private final String selfId;

	private final MessageLog history;

	private final Dedup dedup;

	private final ChatEvents events;

	private final MessageSignatures signatures;

	private final UnaryOperator<ChatMessage> rules;

	/**
	 * @param rules the checks every received message passes (text, names, sentAt), which
	 * throw {@link RefusedMessageException}
	 */
	ForwardedMessages(String selfId, MessageLog history, Dedup dedup, ChatEvents events, MessageSignatures signatures,
			UnaryOperator<ChatMessage> rules) {
		this.selfId = selfId;
		this.history = history;
		this.dedup = dedup;
		this.events = events;
		this.signatures = signatures;
		this.rules = rules;
	}

	/**
	 * Checks every message of a forwarded frame before showing any: one that fails
	 * refuses the whole frame (its forwarder tampered with it or lies), and nothing of it
	 * is shown.
	 * @return the messages shown, in order
	 * @throws RefusedMessageException when one breaks a rule or its signature fails
	 */
	List<ChatMessage> accept(String viaPeerId, List<Forwarded> frame) {
		for (Forwarded forwarded : frame) {
			ChatMessage message = forwarded.message();
			if (!message.broadcast()) {
				throw new RefusedMessageException(FrameRefusal.WRONG_RECIPIENT, "a forwarded private message");
			}
			this.rules.apply(message);
			if (!this.signatures.verified(message, forwarded.key(), forwarded.proof())) {
				throw new RefusedMessageException(FrameRefusal.SIGNATURE,
						"forwarded message without its sender's valid signature");
			}
		}
		var shown = new java.util.ArrayList<ChatMessage>();
		long ticket = 0;
		for (Forwarded forwarded : frame) {
			ChatMessage message = forwarded.message();
			if (message.fromId().equals(this.selfId) || message.fromId().equals(viaPeerId) || !newerThanHeld(message)) {
				// this peer's own, the forwarder's own (it serves those itself), or
				// behind
				// what this peer holds from that sender: showing it would break its order
				continue;
			}
			if (this.dedup.firstTime(message.fromId(), message.id())) {
				ticket = this.history.append(LoggedMessage.received(message, forwarded.proof()));
				this.events.publish(new ChatEvent.Message(message));
				shown.add(message);
			}
		}
		if (ticket != 0) {
			this.history.await(ticket);
		}
		log.debug("{} forwarded message(s) shown of {} from {}", shown.size(), frame.size(), viaPeerId);
		return shown;
	}

	private boolean newerThanHeld(ChatMessage message) {
		// a sender's UUIDv7 ids increase (milliseconds and a counter in the high bits)
		return MessageLog.newer(message.id(), this.history.newestFrom(message.fromId()));
	}

}
