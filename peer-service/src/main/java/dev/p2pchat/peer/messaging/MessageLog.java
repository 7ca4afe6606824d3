package dev.p2pchat.peer.messaging;

import java.util.ArrayDeque;
import java.util.ArrayList;
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
 * bounded: past the capacity the oldest message is forgotten. Thread-safe.
 */
final class MessageLog {

	private final int capacity;

	private final ArrayDeque<LoggedMessage> order = new ArrayDeque<>();

	private final Map<UUID, LoggedMessage> byId = new HashMap<>();

	private final ReentrantLock lock = new ReentrantLock();

	MessageLog(int capacity) {
		this.capacity = capacity;
	}

	void append(LoggedMessage message) {
		this.lock.lock();
		try {
			this.order.addLast(message);
			this.byId.put(message.message().id(), message);
			if (this.order.size() > this.capacity) {
				this.byId.remove(this.order.removeFirst().message().id());
			}
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
