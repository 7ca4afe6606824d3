package dev.p2pchat.peer.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;

import org.jspecify.annotations.Nullable;

import dev.p2pchat.link.signing.MessageProof;

/**
 * A message in this peer's history with, when this peer sent it, the delivery state for
 * each recipient. A state leaves {@code pending} once and never changes again.
 * Thread-safe.
 */
public final class LoggedMessage {

	private final ChatMessage message;

	private final List<String> peerIds;

	private final List<String> usernames;

	private final AtomicReferenceArray<DeliveryState> states;

	private final long weight;

	/**
	 * The sender's signature of this message (ADR 0006), when this peer holds it: what
	 * lets it forward the message to others.
	 */
	private final @Nullable MessageProof proof;

	LoggedMessage(ChatMessage message, List<String> peerIds, List<String> usernames) {
		this(message, peerIds, usernames, null);
	}

	LoggedMessage(ChatMessage message, List<String> peerIds, List<String> usernames, @Nullable MessageProof proof) {
		this.message = message;
		this.proof = proof;
		this.peerIds = List.copyOf(peerIds);
		this.usernames = List.copyOf(usernames);
		this.states = new AtomicReferenceArray<>(peerIds.size());
		for (int i = 0; i < peerIds.size(); i++) {
			this.states.set(i, DeliveryState.PENDING);
		}
		this.weight = weigh(message, this.peerIds, this.usernames) + ((proof != null) ? 2L * proof.encode().length : 0);
	}

	static LoggedMessage received(ChatMessage message) {
		return new LoggedMessage(message, List.of(), List.of());
	}

	/**
	 * A message received with its sender's signature, exactly as the sender signed it.
	 */
	static LoggedMessage received(ChatMessage message, MessageProof proof) {
		return new LoggedMessage(message, List.of(), List.of(), proof);
	}

	/** The sender's signature, when this peer holds it. */
	public @Nullable MessageProof proof() {
		return this.proof;
	}

	public ChatMessage message() {
		return this.message;
	}

	/** The recipients with their current states; empty for a received message. */
	public List<Recipient> recipients() {
		List<Recipient> recipients = new ArrayList<>(this.peerIds.size());
		for (int i = 0; i < this.peerIds.size(); i++) {
			recipients.add(new Recipient(this.peerIds.get(i), this.usernames.get(i), this.states.get(i)));
		}
		return recipients;
	}

	/**
	 * What this message costs the heap, estimated: 2 bytes per character of its strings
	 * (the most a {@code String} keeps per character), ~400 bytes for its objects and
	 * ~100 per recipient. What the history's byte bound counts.
	 */
	long weight() {
		return this.weight;
	}

	private static long weigh(ChatMessage message, List<String> peerIds, List<String> usernames) {
		long chars = message.text().length() + message.from().length() + message.fromId().length()
				+ ((message.to() != null) ? message.to().length() : 0)
				+ ((message.toId() != null) ? message.toId().length() : 0);
		long weight = 400 + 2 * chars;
		for (int i = 0; i < peerIds.size(); i++) {
			weight += 100 + 2L * (peerIds.get(i).length() + usernames.get(i).length());
		}
		return weight;
	}

	/** The state for one recipient, {@code null} when it is not one. */
	@Nullable DeliveryState stateFor(String peerId) {
		int index = this.peerIds.indexOf(peerId);
		return (index < 0) ? null : this.states.get(index);
	}

	/**
	 * Moves a recipient from pending to {@code state}.
	 * @return the recipient in its new state, or {@code null} when nothing changed
	 */
	@Nullable Recipient settle(String peerId, DeliveryState state) {
		int index = this.peerIds.indexOf(peerId);
		if (index < 0 || !this.states.compareAndSet(index, DeliveryState.PENDING, state)) {
			return null;
		}
		return new Recipient(peerId, this.usernames.get(index), state);
	}

}
