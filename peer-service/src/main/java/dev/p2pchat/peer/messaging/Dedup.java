package dev.p2pchat.peer.messaging;

import java.util.LinkedHashSet;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Remembers the ids of the last {@code capacity} messages received, so that a message is
 * shown once however often it arrives. Thread-safe.
 */
final class Dedup {

	private final int capacity;

	private final LinkedHashSet<UUID> seen = new LinkedHashSet<>();

	private final ReentrantLock lock = new ReentrantLock();

	Dedup(int capacity) {
		this.capacity = capacity;
	}

	/** True the first time an id is offered (within the remembered window). */
	boolean firstTime(UUID id) {
		this.lock.lock();
		try {
			if (!this.seen.add(id)) {
				return false;
			}
			if (this.seen.size() > this.capacity) {
				this.seen.removeFirst();
			}
			return true;
		}
		finally {
			this.lock.unlock();
		}
	}

}
