package dev.p2pchat.peer.messaging;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;

/**
 * This peer's history, sent and received, in the order this peer saw the messages,
 * bounded: past the capacity the oldest message is forgotten. With a {@link HistoryStore}
 * every message and state is also journaled: {@link #append} returns the ticket to
 * {@link #await} before the message counts as kept, and every so many messages the
 * journal is compacted to a snapshot of the history. Thread-safe.
 */
final class MessageLog {

	private final int capacity;

	private final @Nullable HistoryStore store;

	/** Messages journaled since the last compaction. */
	private int sinceCompaction;

	private final ArrayDeque<LoggedMessage> order = new ArrayDeque<>();

	private final Map<UUID, LoggedMessage> byId = new HashMap<>();

	private final ReentrantLock lock = new ReentrantLock();

	MessageLog(int capacity) {
		this(capacity, null, List.of());
	}

	/**
	 * A history continuing from {@code restored} (oldest first), journaled to the store.
	 */
	MessageLog(int capacity, @Nullable HistoryStore store, Collection<LoggedMessage> restored) {
		this.capacity = capacity;
		this.store = store;
		int skip = Math.max(0, restored.size() - capacity);
		for (LoggedMessage message : restored) {
			if (skip-- <= 0) {
				this.order.addLast(message);
				this.byId.put(message.message().id(), message);
			}
		}
	}

	/** Appends a message; returns the ticket to {@link #await} (0 without a store). */
	long append(LoggedMessage message) {
		this.lock.lock();
		try {
			this.order.addLast(message);
			this.byId.put(message.message().id(), message);
			if (this.order.size() > this.capacity) {
				this.byId.remove(this.order.removeFirst().message().id());
			}
			if (this.store == null) {
				return 0;
			}
			long ticket = this.store.appended(message);
			if (++this.sinceCompaction >= 2 * this.capacity) {
				this.sinceCompaction = 0;
				this.store.compact(new ArrayList<>(this.order));
			}
			return ticket;
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
			boolean after = since == null || !this.byId.containsKey(since);
			for (LoggedMessage logged : this.order) {
				ChatMessage message = logged.message();
				if (!after) {
					after = message.id().equals(since);
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
	 * Oldest first: the {@code limit} messages just before {@code before}; empty when
	 * {@code before} is not (or no longer) in the history.
	 */
	List<ChatMessage> pageBefore(int limit, UUID before) {
		this.lock.lock();
		try {
			if (!this.byId.containsKey(before)) {
				return List.of();
			}
			List<ChatMessage> newestFirst = new ArrayList<>(limit);
			Iterator<LoggedMessage> backwards = this.order.descendingIterator();
			while (backwards.hasNext() && !backwards.next().message().id().equals(before)) {
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

	Optional<LoggedMessage> find(UUID id) {
		this.lock.lock();
		try {
			return Optional.ofNullable(this.byId.get(id));
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
			if (after != null && this.byId.containsKey(after)) {
				List<ChatMessage> page = new ArrayList<>();
				Iterator<LoggedMessage> newestFirst = this.order.descendingIterator();
				List<ChatMessage> newer = new ArrayList<>();
				while (newestFirst.hasNext()) {
					ChatMessage message = newestFirst.next().message();
					if (message.id().equals(after)) {
						break;
					}
					newer.add(message);
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
