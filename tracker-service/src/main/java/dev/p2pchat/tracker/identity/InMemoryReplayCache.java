package dev.p2pchat.tracker.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The default {@link ReplayCache}: a map of signature to expiry and a queue by expiry,
 * behind one lock, holding at most {@code capacity} unexpired entries.
 *
 * <p>
 * Expired entries are dropped on every call (amortised O(log n) each), so memory follows
 * the number of registrations within the last window, never the tracker's uptime.
 */
public final class InMemoryReplayCache implements ReplayCache {

	private final Clock clock;

	private final int capacity;

	private final ReentrantLock lock = new ReentrantLock();

	/** Guarded by {@link #lock}. */
	private final Map<String, Instant> expiries = new HashMap<>();

	/** Guarded by {@link #lock}. */
	private final PriorityQueue<Entry> byExpiry = new PriorityQueue<>();

	/**
	 * Creates an empty cache.
	 * @param clock the source of time for expiry
	 * @param capacity the most unexpired entries held
	 */
	public InMemoryReplayCache(Clock clock, int capacity) {
		if (capacity < 1) {
			throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
		}
		this.clock = clock;
		this.capacity = capacity;
	}

	@Override
	public boolean firstUse(String signature, Instant expiresAt) {
		this.lock.lock();
		try {
			Instant now = this.clock.instant();
			dropExpired(now);
			if (this.expiries.containsKey(signature)) {
				return false;
			}
			if (this.expiries.size() >= this.capacity) {
				Entry oldest = this.byExpiry.peek();
				Duration wait = (oldest != null) ? Duration.between(now, oldest.expiresAt()) : Duration.ZERO;
				throw new ReplayCacheFullException(wait.isNegative() ? Duration.ZERO : wait);
			}
			this.expiries.put(signature, expiresAt);
			this.byExpiry.add(new Entry(expiresAt, signature));
			return true;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * How many entries are held.
	 * @return the count, expired ones included until the next call drops them
	 */
	public int size() {
		this.lock.lock();
		try {
			return this.expiries.size();
		}
		finally {
			this.lock.unlock();
		}
	}

	private void dropExpired(Instant now) {
		for (Entry oldest = this.byExpiry.peek(); oldest != null
				&& !now.isBefore(oldest.expiresAt()); oldest = this.byExpiry.peek()) {
			this.byExpiry.poll();
			this.expiries.remove(oldest.signature());
		}
	}

	private record Entry(Instant expiresAt, String signature) implements Comparable<Entry> {

		@Override
		public int compareTo(Entry other) {
			return this.expiresAt.compareTo(other.expiresAt);
		}

	}

}
