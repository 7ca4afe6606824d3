package dev.p2pchat.peer.mesh;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;

/**
 * Remembers, per peer, the catch-up this peer last served it: the {@code since} it asked
 * with, the newest message offered, and when. A peer that asks again with the same
 * {@code since} within the interval, while the offer is the same (a reconnect loop), is
 * not served the same messages again, so each new link costs a few bytes instead of up to
 * 100 messages. A peer that asks with another {@code since} (it received something
 * meanwhile), or is offered something newer, is served at once, but no peer more than
 * {@link #MAX_PER_INTERVAL} times per interval, whatever it asks with. Bounded (least
 * recently served peers forgotten first). Thread-safe.
 */
final class CatchUpLedger {

	private static final int MAX_PEERS = 4096;

	private final Clock clock;

	private final Duration interval;

	private final ReentrantLock lock = new ReentrantLock();

	private final Map<String, Served> served = new LinkedHashMap<>(16, 0.75f, true) {
		@Override
		protected boolean removeEldestEntry(Map.Entry<String, Served> eldest) {
			return size() > MAX_PEERS;
		}
	};

	/** Catch-ups served to one peer per interval, whatever it asks with. */
	static final int MAX_PER_INTERVAL = 3;

	/**
	 * The last catch-up served to a peer, and how many since {@code windowStart}.
	 */
	private record Served(@Nullable UUID since, long offer, Instant windowStart, int count) {

	}

	CatchUpLedger(Clock clock, Duration interval) {
		this.clock = clock;
		this.interval = interval;
	}

	/**
	 * Whether an offer (its {@link #fingerprint}) is to be served to the peer asking with
	 * {@code since}; if so, it counts as served from now on.
	 */
	boolean serve(String peerId, @Nullable UUID since, long offer) {
		Instant now = this.clock.instant();
		this.lock.lock();
		try {
			Served last = this.served.get(peerId);
			if (last == null || !now.isBefore(last.windowStart().plus(this.interval))) {
				this.served.put(peerId, new Served(since, offer, now, 1));
				return true;
			}
			if ((Objects.equals(last.since(), since) && last.offer() == offer) || last.count() >= MAX_PER_INTERVAL) {
				return false;
			}
			this.served.put(peerId, new Served(since, offer, last.windowStart(), last.count() + 1));
			return true;
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Tells two offers apart without keeping them: their size and newest message. */
	static long fingerprint(List<?> offer) {
		return ((long) offer.size() << 32) ^ (offer.isEmpty() ? 0 : offer.getLast().hashCode() & 0xffffffffL);
	}

}
