package dev.p2pchat.peer.messaging;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;

/**
 * This peer's history, sent and received, in the order this peer saw the messages,
 * bounded in messages and in bytes ({@link HistoryBound}): past either the oldest
 * messages are forgotten. With a {@link HistoryStore} every message and state is also
 * journaled: {@link #append} returns the ticket to {@link #await} before the message
 * counts as kept, and after twice the bound (in messages or in journal bytes) the journal
 * is compacted to a snapshot of the history, which keeps the files, and the start-up that
 * reads them, within about three times the bound. Thread-safe.
 */
final class MessageLog {

	private final HistoryBound bound;

	private final @Nullable HistoryStore store;

	/** Messages journaled since the last compaction. */
	private int sinceCompaction;

	/** The journal's ticket (its bytes) at the last compaction. */
	private long compactedAt;

	/** The weight of the messages held. */
	private long weight;

	private final ArrayDeque<LoggedMessage> order = new ArrayDeque<>();

	/** Per id, the message first held with it: this peer's own, if it is one. */
	private final Map<UUID, LoggedMessage> byId = new HashMap<>();

	/**
	 * Messages whose id another sender's message held first (only a hostile peer reuses
	 * an id): kept and shown under their own sender, never in place of the first.
	 */
	private final Map<SenderId, LoggedMessage> reused = new HashMap<>();

	/**
	 * Per peer, how many messages the history holds that it sent, or that this peer sent
	 * it privately: the peers this one has a conversation with.
	 */
	private final Map<String, Integer> correspondents = new HashMap<>();

	/** A message's identity: its sender and the id the sender gave it. */
	record SenderId(String fromId, UUID id) {

		static SenderId of(ChatMessage message) {
			return new SenderId(message.fromId(), message.id());
		}

	}

	private final ReentrantLock lock = new ReentrantLock();

	MessageLog(int capacity) {
		this(HistoryBound.ofMessages(capacity), null, List.of());
	}

	/**
	 * A history continuing from {@code restored} (oldest first; the newest of them within
	 * the bound), journaled to the store.
	 */
	MessageLog(HistoryBound bound, @Nullable HistoryStore store, Collection<LoggedMessage> restored) {
		this.bound = bound;
		this.store = store;
		for (LoggedMessage message : restored) {
			add(message);
		}
		if (store != null && store.heldMoreThanTheBound()) {
			// files from before the bound (or a bound lowered since): let them go now
			store.compact(new ArrayList<>(this.order));
		}
	}

	/** Appends a message; returns the ticket to {@link #await} (0 without a store). */
	long append(LoggedMessage message) {
		this.lock.lock();
		try {
			// journaled first: a record the journal refuses leaves the history unchanged
			long ticket = (this.store != null) ? this.store.appended(message) : 0;
			add(message);
			if (this.store == null) {
				return 0;
			}
			if (++this.sinceCompaction >= 2 * this.bound.messages()
					|| ticket - this.compactedAt >= 2 * Math.min(this.bound.bytes(), Long.MAX_VALUE / 4)) {
				this.sinceCompaction = 0;
				this.compactedAt = ticket;
				this.store.compact(new ArrayList<>(this.order));
			}
			return ticket;
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Adds the newest message and forgets the oldest past the bound; under the lock. */
	private void add(LoggedMessage message) {
		this.order.addLast(message);
		index(message);
		this.weight += message.weight();
		while (this.bound.exceededBy(this.order.size(), this.weight)) {
			LoggedMessage oldest = this.order.removeFirst();
			unindex(oldest);
			this.weight -= oldest.weight();
		}
	}

	private void index(LoggedMessage logged) {
		ChatMessage message = logged.message();
		LoggedMessage first = this.byId.putIfAbsent(message.id(), logged);
		if (first != null && !first.message().fromId().equals(message.fromId())) {
			this.reused.put(SenderId.of(message), logged);
		}
		String correspondent = correspondent(logged);
		if (correspondent != null) {
			this.correspondents.merge(correspondent, 1, Integer::sum);
		}
	}

	private void unindex(LoggedMessage logged) {
		ChatMessage message = logged.message();
		if (this.byId.get(message.id()) == logged) {
			this.byId.remove(message.id());
			// a message that reused the id is now the first holder
			this.reused.values()
				.stream()
				.filter((other) -> other.message().id().equals(message.id()))
				.findFirst()
				.ifPresent((other) -> {
					this.reused.remove(SenderId.of(other.message()));
					this.byId.put(message.id(), other);
				});
		}
		else {
			this.reused.remove(SenderId.of(message), logged);
		}
		String correspondent = correspondent(logged);
		if (correspondent != null) {
			this.correspondents.computeIfPresent(correspondent, (peer, count) -> (count > 1) ? count - 1 : null);
		}
	}

	/**
	 * The other party of a conversation: the recipient of a private message this peer
	 * sent, the sender of a received one (received messages have no recipients; an own
	 * broadcast sent while alone names this peer, which never links to itself);
	 * {@code null} for this peer's broadcasts.
	 */
	private static @Nullable String correspondent(LoggedMessage logged) {
		String toId = logged.message().toId();
		if (toId != null && logged.stateFor(toId) != null) {
			return toId;
		}
		return logged.recipients().isEmpty() ? logged.message().fromId() : null;
	}

	/**
	 * Whether the history holds a message from that peer, or a private one this peer sent
	 * it.
	 */
	boolean talksWith(String peerId) {
		this.lock.lock();
		try {
			return this.correspondents.containsKey(peerId);
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Returns once the message of this ticket is kept (see {@link HistoryStore}). */
	void await(long ticket) {
		if (this.store != null && ticket > 0) {
			this.store.await(ticket);
		}
	}

	/** Whether the store cannot write now (a full disk): see {@code Journal#failing}. */
	boolean failing() {
		return this.store != null && this.store.failing();
	}

	/** Journals a recipient's state change. */
	void settled(LoggedMessage message, Recipient recipient) {
		if (this.store != null) {
			this.store.settled(message.message().id(), recipient.peerId(), recipient.state());
		}
	}

	/**
	 * Journals an action on a message of the history and applies it; a deletion then
	 * compacts the journal at once, so that the files keep the text no longer (the old
	 * segments, which hold it, go once the snapshot without it is written).
	 * @return whether it changed the message (an action applied twice changes it once)
	 */
	boolean act(LoggedMessage logged, byte action, String... values) {
		this.lock.lock();
		try {
			// an action that changes nothing is not journaled
			if (!wouldChange(logged, action, values)) {
				return false;
			}
			long ticket = (this.store != null) ? this.store.acted(logged.message(), action, values) : 0;
			HistoryStore.apply(logged, action, values);
			if (this.store != null && action == HistoryStore.DELETE) {
				this.sinceCompaction = 0;
				this.compactedAt = ticket;
				this.store.compact(new ArrayList<>(this.order));
			}
			return true;
		}
		finally {
			this.lock.unlock();
		}
	}

	private static boolean wouldChange(LoggedMessage logged, byte action, String... values) {
		MessageActions now = logged.actions();
		return switch (action) {
			case HistoryStore.REPLY -> true;
			case HistoryStore.EDIT -> !now.deleted() && !logged.message().text().equals(values[0]);
			case HistoryStore.DELETE -> !now.deleted();
			case HistoryStore.REACT ->
				!now.deleted() && !logged.reactionsById().getOrDefault(values[0], Map.of()).containsKey(values[1]);
			case HistoryStore.UNREACT ->
				logged.reactionsById().getOrDefault(values[0], Map.of()).containsKey(values[1]);
			case HistoryStore.READ -> !now.readBy().containsKey(values[0]);
			default -> false;
		};
	}

	/**
	 * Who has read this message: the readers of it or of a later message of its
	 * conversation (a read marker covers everything before it), peerId to username.
	 */
	Map<String, String> readers(LoggedMessage logged) {
		this.lock.lock();
		try {
			Map<String, String> readers = new LinkedHashMap<>();
			boolean after = false;
			for (LoggedMessage other : this.order) {
				after = after || other == logged;
				if (after && sameConversation(logged.message(), other.message())) {
					readers.putAll(other.readersById());
				}
			}
			return readers;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Whether two messages are of one conversation: both broadcasts, or between the same
	 * two.
	 */
	static boolean sameConversation(ChatMessage a, ChatMessage b) {
		if (a.broadcast() || b.broadcast()) {
			return a.broadcast() && b.broadcast();
		}
		return Set.copyOf(Arrays.asList(a.fromId(), a.toId())).equals(Set.copyOf(Arrays.asList(b.fromId(), b.toId())));
	}

	/** Every message, oldest first. */
	List<LoggedMessage> all() {
		this.lock.lock();
		try {
			return new ArrayList<>(this.order);
		}
		finally {
			this.lock.unlock();
		}
	}

	/** The id of the newest message from that sender, {@code null} when there is none. */
	@Nullable UUID newestFrom(String fromId) {
		this.lock.lock();
		try {
			Iterator<LoggedMessage> backwards = this.order.descendingIterator();
			while (backwards.hasNext()) {
				ChatMessage message = backwards.next().message();
				if (message.fromId().equals(fromId)) {
					return message.id();
				}
			}
			return null;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * The broadcasts {@code selfId} sent after {@code since} (or, when it is not in the
	 * history, the newest ones) that a recipient may have missed: those it was no
	 * recipient of, or whose delivery to it failed or was acknowledged. Stops at the
	 * first still pending for it, which its outbox delivers, with everything after, in
	 * order.
	 * @return at most {@code max}, the newest of them, oldest first
	 */
	List<ChatMessage> missedBy(String peerId, String selfId, @Nullable UUID since, int max) {
		this.lock.lock();
		try {
			ArrayDeque<ChatMessage> missed = new ArrayDeque<>(max);
			LoggedMessage anchor = (since != null) ? findOwn(selfId, since) : null;
			boolean after = anchor == null;
			for (LoggedMessage logged : this.order) {
				ChatMessage message = logged.message();
				if (!after) {
					after = logged == anchor;
					continue;
				}
				if (!message.fromId().equals(selfId) || !message.broadcast()) {
					continue;
				}
				if (logged.stateFor(peerId) == DeliveryState.PENDING) {
					break;
				}
				if (missed.size() == max) {
					missed.removeFirst();
				}
				missed.addLast(message);
			}
			return new ArrayList<>(missed);
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Other senders' broadcasts this peer may forward to {@code peerId} with their
	 * senders' signatures (catch-up from anyone): held with a proof, never a private
	 * message, never {@code peerId}'s own or this peer's, none of a sender in
	 * {@code skipped} (one that serves its own), and only those newer than the newest
	 * {@code peerId} says it holds from that sender ({@code heard}).
	 * @return per sender (the most recently heard first, at most {@code maxSenders}) the
	 * newest {@code perSender} of them, oldest first
	 */
	List<LoggedMessage> forwardable(String peerId, String selfId, Map<String, UUID> heard, Set<String> skipped,
			int perSender, int maxSenders) {
		this.lock.lock();
		try {
			var bySender = new LinkedHashMap<String, ArrayDeque<LoggedMessage>>();
			Iterator<LoggedMessage> backwards = this.order.descendingIterator();
			while (backwards.hasNext()) {
				LoggedMessage logged = backwards.next();
				ChatMessage message = logged.message();
				String fromId = message.fromId();
				// an edited or deleted message is not forwarded: its signature covers the
				// original text, which a deletion removed
				if (logged.proof() == null || logged.edited() || logged.deleted() || !message.broadcast()
						|| fromId.equals(peerId) || fromId.equals(selfId) || skipped.contains(fromId)
						|| !newer(message.id(), heard.get(fromId))) {
					continue;
				}
				ArrayDeque<LoggedMessage> own = bySender.get(fromId);
				if (own == null) {
					if (bySender.size() == maxSenders) {
						continue;
					}
					own = new ArrayDeque<>();
					bySender.put(fromId, own);
				}
				if (own.size() < perSender) {
					own.addFirst(logged);
				}
			}
			List<LoggedMessage> offer = new ArrayList<>();
			bySender.values().forEach(offer::addAll);
			return offer;
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Whether {@code id} is later than {@code than} among one sender's UUIDv7 ids. */
	static boolean newer(UUID id, @Nullable UUID than) {
		return than == null || Long.compareUnsigned(id.getMostSignificantBits(), than.getMostSignificantBits()) > 0;
	}

	private @Nullable LoggedMessage findOwn(String selfId, UUID id) {
		LoggedMessage first = this.byId.get(id);
		return (first != null && first.message().fromId().equals(selfId)) ? first
				: this.reused.get(new SenderId(selfId, id));
	}

	/**
	 * Oldest first: the {@code limit} messages just before {@code before}; empty when
	 * {@code before} is not (or no longer) in the history.
	 */
	List<ChatMessage> pageBefore(int limit, UUID before) {
		this.lock.lock();
		try {
			LoggedMessage anchor = this.byId.get(before);
			if (anchor == null) {
				return List.of();
			}
			List<ChatMessage> newestFirst = new ArrayList<>(limit);
			Iterator<LoggedMessage> backwards = this.order.descendingIterator();
			while (backwards.hasNext() && backwards.next() != anchor) {
				// skip the messages after it
			}
			while (backwards.hasNext() && newestFirst.size() < limit) {
				newestFirst.add(backwards.next().message());
			}
			return newestFirst.reversed();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * The message first held with this id: this peer's own when it is one (nobody knows
	 * an id before its sender sends it), whatever another sender reused it for later.
	 */
	Optional<LoggedMessage> find(UUID id) {
		this.lock.lock();
		try {
			return Optional.ofNullable(this.byId.get(id));
		}
		finally {
			this.lock.unlock();
		}
	}

	/** The message of that sender with this id. */
	Optional<LoggedMessage> find(String fromId, UUID id) {
		this.lock.lock();
		try {
			LoggedMessage first = this.byId.get(id);
			if (first != null && first.message().fromId().equals(fromId)) {
				return Optional.of(first);
			}
			return Optional.ofNullable(this.reused.get(new SenderId(fromId, id)));
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Oldest first: the messages after {@code after} (the first {@code limit} of them),
	 * or without {@code after} (or when it is no longer in the history) the newest
	 * {@code limit}.
	 */
	List<ChatMessage> page(int limit, @Nullable UUID after) {
		this.lock.lock();
		try {
			LoggedMessage anchor = (after != null) ? this.byId.get(after) : null;
			if (anchor != null) {
				List<ChatMessage> page = new ArrayList<>();
				Iterator<LoggedMessage> newestFirst = this.order.descendingIterator();
				List<ChatMessage> newer = new ArrayList<>();
				while (newestFirst.hasNext()) {
					LoggedMessage logged = newestFirst.next();
					if (logged == anchor) {
						break;
					}
					newer.add(logged.message());
				}
				for (int i = newer.size() - 1; i >= 0 && page.size() < limit; i--) {
					page.add(newer.get(i));
				}
				return page;
			}
			List<ChatMessage> page = new ArrayList<>(Math.min(limit, this.order.size()));
			int skip = Math.max(0, this.order.size() - limit);
			for (LoggedMessage message : this.order) {
				if (skip-- <= 0) {
					page.add(message.message());
				}
			}
			return page;
		}
		finally {
			this.lock.unlock();
		}
	}

}
