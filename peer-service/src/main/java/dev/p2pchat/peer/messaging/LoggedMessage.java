package dev.p2pchat.peer.messaging;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReferenceArray;

import org.jspecify.annotations.Nullable;

import dev.p2pchat.link.signing.MessageProof;

/**
 * A message in this peer's history with, when this peer sent it, the delivery state for
 * each recipient. A state leaves {@code pending} once and never changes again. With it,
 * what its actions made of it: the message it replies to, an edit, a deletion, the
 * reactions and who has read it (see {@link #actions()}). Thread-safe.
 */
public final class LoggedMessage {

	/**
	 * What a deleted message's text becomes, in memory and in the files: the text itself
	 * is gone (a message's text is never empty).
	 */
	static final String DELETED_TEXT = "\u2421";

	/** The message as it is now: its text replaced by an edit or a deletion. */
	private volatile ChatMessage message;

	private @Nullable UUID replyTo;

	private boolean edited;

	private boolean deleted;

	/** Per emoji, who reacted with it (peerId to username), in the order they did. */
	private final Map<String, Map<String, String>> reactions = new LinkedHashMap<>();

	/** Who has read it, or a later message of its conversation: peerId to username. */
	private final Map<String, String> readBy = new LinkedHashMap<>();

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

	/** Its actions' result as of now. */
	public synchronized MessageActions actions() {
		Map<String, List<String>> names = new LinkedHashMap<>();
		this.reactions.forEach((emoji, who) -> names.put(emoji, List.copyOf(who.values())));
		return new MessageActions(this.replyTo, this.edited, this.deleted, names, Map.copyOf(this.readBy));
	}

	synchronized @Nullable UUID replyTo() {
		return this.replyTo;
	}

	synchronized void replyTo(@Nullable UUID id) {
		this.replyTo = id;
	}

	synchronized boolean deleted() {
		return this.deleted;
	}

	/**
	 * @return whether it changed: a deleted message stays deleted
	 */
	synchronized boolean edit(String text) {
		if (this.deleted || text.equals(this.message.text())) {
			return false;
		}
		this.message = withText(text);
		this.edited = true;
		return true;
	}

	/** Drops the text and the reactions; @return whether it was not deleted yet. */
	synchronized boolean delete() {
		if (this.deleted) {
			return false;
		}
		this.message = withText(DELETED_TEXT);
		this.deleted = true;
		this.reactions.clear();
		return true;
	}

	/**
	 * @return whether it changed
	 */
	synchronized boolean react(String emoji, String peerId, String username, boolean add) {
		if (add) {
			if (this.deleted) {
				return false;
			}
			return this.reactions.computeIfAbsent(emoji, (e) -> new LinkedHashMap<>()).put(peerId, username) == null;
		}
		Map<String, String> who = this.reactions.get(emoji);
		if (who == null || who.remove(peerId) == null) {
			return false;
		}
		if (who.isEmpty()) {
			this.reactions.remove(emoji);
		}
		return true;
	}

	/**
	 * @return whether it is new
	 */
	synchronized boolean readBy(String peerId, String username) {
		return this.readBy.putIfAbsent(peerId, username) == null;
	}

	/** Restores the flags a snapshot kept (its text is already the current one). */
	synchronized void restore(boolean edited, boolean deleted) {
		this.edited = edited;
		this.deleted = deleted;
	}

	/** The reactions with who made them, peerId to username: for the snapshot. */
	synchronized Map<String, Map<String, String>> reactionsById() {
		Map<String, Map<String, String>> copy = new LinkedHashMap<>();
		this.reactions.forEach((emoji, who) -> copy.put(emoji, new LinkedHashMap<>(who)));
		return copy;
	}

	synchronized Map<String, String> readersById() {
		return new LinkedHashMap<>(this.readBy);
	}

	synchronized boolean edited() {
		return this.edited;
	}

	private ChatMessage withText(String text) {
		ChatMessage m = this.message;
		return new ChatMessage(m.id(), m.fromId(), m.from(), m.toId(), m.to(), text, m.sentAt());
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
