package dev.p2pchat.peer.messaging;

import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Remembers the ids of the last {@code capacity} messages received, so that a message is
 * shown once however often it arrives. Thread-safe.
 * <p>
 * Every received message passes through here, so the ids live in flat arrays instead of a
 * {@code LinkedHashSet<UUID>}: a linear-probing table at most half full, plus a ring that
 * remembers the order in which they came, for forgetting the oldest. A profile of the
 * receivers under load had the set's {@code HashMap.putVal} at ~7 % of their CPU.
 */
final class Dedup {

	private final int capacity;

	/** The ids in arrival order: {@code [msb, lsb]} pairs, oldest at {@link #oldest}. */
	private final long[] ring;

	private int oldest;

	private int size;

	/**
	 * Hash table of {@code [msb, lsb]} pairs; {@link #used} tells which slots hold one.
	 */
	private final long[] table;

	private final boolean[] used;

	private final int mask;

	private final ReentrantLock lock = new ReentrantLock();

	Dedup(int capacity) {
		if (capacity < 1) {
			throw new IllegalArgumentException("capacity must be positive");
		}
		this.capacity = capacity;
		this.ring = new long[2 * capacity];
		int slots = Integer.highestOneBit(Math.max(2, capacity) * 2 - 1) << 1;
		this.table = new long[2 * slots];
		this.used = new boolean[slots];
		this.mask = slots - 1;
	}

	/** True the first time an id is offered (within the remembered window). */
	boolean firstTime(UUID id) {
		long msb = id.getMostSignificantBits();
		long lsb = id.getLeastSignificantBits();
		this.lock.lock();
		try {
			int slot = home(msb, lsb);
			while (this.used[slot]) {
				if (this.table[2 * slot] == msb && this.table[2 * slot + 1] == lsb) {
					return false;
				}
				slot = (slot + 1) & this.mask;
			}
			if (this.size == this.capacity) {
				forgetOldest();
				// the forgotten id may have sat before the free slot found above
				slot = freeSlot(msb, lsb);
			}
			this.used[slot] = true;
			this.table[2 * slot] = msb;
			this.table[2 * slot + 1] = lsb;
			int tail = (this.oldest + this.size) % this.capacity;
			this.ring[2 * tail] = msb;
			this.ring[2 * tail + 1] = lsb;
			this.size++;
			return true;
		}
		finally {
			this.lock.unlock();
		}
	}

	private int freeSlot(long msb, long lsb) {
		int slot = home(msb, lsb);
		while (this.used[slot]) {
			slot = (slot + 1) & this.mask;
		}
		return slot;
	}

	private void forgetOldest() {
		long msb = this.ring[2 * this.oldest];
		long lsb = this.ring[2 * this.oldest + 1];
		this.oldest = (this.oldest + 1) % this.capacity;
		this.size--;
		int hole = home(msb, lsb);
		while (this.table[2 * hole] != msb || this.table[2 * hole + 1] != lsb || !this.used[hole]) {
			hole = (hole + 1) & this.mask;
		}
		this.used[hole] = false;
		// backward-shift deletion: pull later entries of the probe run into the hole
		int next = hole;
		while (true) {
			next = (next + 1) & this.mask;
			if (!this.used[next]) {
				return;
			}
			int home = home(this.table[2 * next], this.table[2 * next + 1]);
			boolean homeBetween = (hole <= next) ? (hole < home && home <= next) : (hole < home || home <= next);
			if (!homeBetween) {
				this.table[2 * hole] = this.table[2 * next];
				this.table[2 * hole + 1] = this.table[2 * next + 1];
				this.used[hole] = true;
				this.used[next] = false;
				hole = next;
			}
		}
	}

	private int home(long msb, long lsb) {
		long hash = (msb ^ (lsb * 0x9E3779B97F4A7C15L)) * 0xC2B2AE3D27D4EB4FL;
		return (int) (hash >>> 33) & this.mask;
	}

}
