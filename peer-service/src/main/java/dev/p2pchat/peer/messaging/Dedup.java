package dev.p2pchat.peer.messaging;

import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Remembers the last {@code capacity} messages received, by sender <em>and</em> id, so
 * that a message is shown once however often it arrives: the one rule by which a received
 * message counts as a duplicate. An id is its sender's: another sender reusing it (a
 * hostile peer copying ids it saw) is a different message and shadows nothing.
 * Thread-safe.
 * <p>
 * Every received message passes through here, so the ids live in flat arrays instead of a
 * {@code LinkedHashSet<UUID>}: a linear-probing table at most half full, plus a ring that
 * remembers the order in which they came, for forgetting the oldest. A profile of the
 * receivers under load had the set's {@code HashMap.putVal} at ~7 % of their CPU.
 */
final class Dedup {

	private final int capacity;

	/**
	 * The keys in arrival order: {@code [msb, lsb, sender]} triples, oldest at
	 * {@link #oldest}.
	 */
	private final long[] ring;

	private int oldest;

	private int size;

	/**
	 * Hash table of {@code [msb, lsb, sender]} triples; {@link #used} tells which slots
	 * hold one.
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
		this.ring = new long[3 * capacity];
		int slots = Integer.highestOneBit(Math.max(2, capacity) * 2 - 1) << 1;
		this.table = new long[3 * slots];
		this.used = new boolean[slots];
		this.mask = slots - 1;
	}

	/**
	 * True the first time a sender's id is offered (within the remembered window).
	 */
	boolean firstTime(String sender, UUID id) {
		long msb = id.getMostSignificantBits();
		long lsb = id.getLeastSignificantBits();
		long from = senderHash(sender);
		this.lock.lock();
		try {
			int slot = home(msb, lsb, from);
			while (this.used[slot]) {
				if (holds(slot, msb, lsb, from)) {
					return false;
				}
				slot = (slot + 1) & this.mask;
			}
			if (this.size == this.capacity) {
				forgetOldest();
				// the forgotten id may have sat before the free slot found above
				slot = freeSlot(msb, lsb, from);
			}
			this.used[slot] = true;
			put(this.table, slot, msb, lsb, from);
			put(this.ring, (this.oldest + this.size) % this.capacity, msb, lsb, from);
			this.size++;
			return true;
		}
		finally {
			this.lock.unlock();
		}
	}

	private boolean holds(int slot, long msb, long lsb, long from) {
		return this.table[3 * slot] == msb && this.table[3 * slot + 1] == lsb && this.table[3 * slot + 2] == from;
	}

	private static void put(long[] array, int index, long msb, long lsb, long from) {
		array[3 * index] = msb;
		array[3 * index + 1] = lsb;
		array[3 * index + 2] = from;
	}

	/**
	 * 64 bits of the sender's peerId: matching another sender's takes ~2^64 key pairs (a
	 * peerId is the hash of its key, which nobody picks).
	 */
	static long senderHash(String sender) {
		long hash = 0xcbf29ce484222325L;
		for (int i = 0; i < sender.length(); i++) {
			hash = (hash ^ sender.charAt(i)) * 0x100000001b3L;
		}
		hash ^= hash >>> 33;
		hash *= 0xff51afd7ed558ccdL;
		return hash ^ (hash >>> 33);
	}

	private int freeSlot(long msb, long lsb, long from) {
		int slot = home(msb, lsb, from);
		while (this.used[slot]) {
			slot = (slot + 1) & this.mask;
		}
		return slot;
	}

	private void forgetOldest() {
		long msb = this.ring[3 * this.oldest];
		long lsb = this.ring[3 * this.oldest + 1];
		long from = this.ring[3 * this.oldest + 2];
		this.oldest = (this.oldest + 1) % this.capacity;
		this.size--;
		int hole = home(msb, lsb, from);
		while (!this.used[hole] || !holds(hole, msb, lsb, from)) {
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
			int home = home(this.table[3 * next], this.table[3 * next + 1], this.table[3 * next + 2]);
			boolean homeBetween = (hole <= next) ? (hole < home && home <= next) : (hole < home || home <= next);
			if (!homeBetween) {
				put(this.table, hole, this.table[3 * next], this.table[3 * next + 1], this.table[3 * next + 2]);
				this.used[hole] = true;
				this.used[next] = false;
				hole = next;
			}
		}
	}

	private int home(long msb, long lsb, long from) {
		long hash = (msb ^ (lsb * 0x9E3779B97F4A7C15L) ^ (from * 0xD6E8FEB86659FD93L)) * 0xC2B2AE3D27D4EB4FL;
		return (int) (hash >>> 33) & this.mask;
	}

}
