package dev.p2pchat.tracker.ratelimit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The Sybil limit of one tracker ({@code p2pchat.tracker.store=memory}): per client
 * address and per network, a window of one {@code period} from the first identity counted
 * in it, holding the identities counted (64 bits of each peerId's hash, so a full window
 * of 100 costs under 1 KB).
 *
 * <p>
 * At most {@code maxTracked} addresses and as many networks are tracked; when a table is
 * full, the window that started first is forgotten (that address or network starts
 * afresh). So memory stays bounded at the price of letting someone who holds more
 * networks than that start over: such a client defeats any per-network limit anyway.
 * Thread-safe (one lock, no I/O under it); windows run on the tracker's {@link Clock}.
 */
public final class InMemoryIdentityLimiter implements IdentityLimiter {

	private final Windows addresses;

	private final Windows networks;

	private final NetworkPrefixes prefixes;

	private final Clock clock;

	private final ReentrantLock lock = new ReentrantLock();

	/**
	 * @param perAddress new identities per client address per period
	 * @param perPrefix new identities per network per period
	 * @param period the window
	 * @param prefixes how addresses group into networks
	 * @param maxTracked how many addresses, and networks, are tracked at once
	 * @param clock the tracker's clock
	 */
	public InMemoryIdentityLimiter(int perAddress, int perPrefix, Duration period, NetworkPrefixes prefixes,
			int maxTracked, Clock clock) {
		this.addresses = new Windows(perAddress, period, maxTracked);
		this.networks = new Windows(perPrefix, period, maxTracked);
		this.prefixes = prefixes;
		this.clock = clock;
	}

	@Override
	public void admit(String remoteAddress, String peerId) {
		long id = id(peerId);
		Instant now = this.clock.instant();
		this.lock.lock();
		try {
			Window address = this.addresses.window(ClientAddresses.key(remoteAddress), now);
			Window network = this.networks.window(this.prefixes.key(remoteAddress), now);
			if (!address.contains(id) && address.count >= this.addresses.limit) {
				throw TooManyIdentitiesException.fromAddress(Duration.between(now, address.end));
			}
			if (!network.contains(id) && network.count >= this.networks.limit) {
				throw TooManyIdentitiesException.fromNetwork(Duration.between(now, network.end));
			}
			address.add(id);
			network.add(id);
		}
		finally {
			this.lock.unlock();
		}
	}

	/** How many addresses and networks are tracked (for tests). */
	int tracked() {
		this.lock.lock();
		try {
			return this.addresses.byKey.size() + this.networks.byKey.size();
		}
		finally {
			this.lock.unlock();
		}
	}

	private static long id(String peerId) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(peerId.getBytes(StandardCharsets.UTF_8));
			return ByteBuffer.wrap(hash).getLong();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
		}
	}

	/** One table of windows, oldest first. Guarded by the limiter's lock. */
	private static final class Windows {

		private final int limit;

		private final Duration period;

		private final int maxTracked;

		private final LinkedHashMap<String, Window> byKey = new LinkedHashMap<>();

		Windows(int limit, Duration period, int maxTracked) {
			this.limit = limit;
			this.period = period;
			this.maxTracked = maxTracked;
		}

		Window window(String key, Instant now) {
			Window window = this.byKey.get(key);
			if (window != null && now.isBefore(window.end)) {
				return window;
			}
			this.byKey.remove(key);
			for (Iterator<Window> it = this.byKey.values().iterator(); it.hasNext();) {
				Window eldest = it.next();
				if (now.isBefore(eldest.end) && this.byKey.size() < this.maxTracked) {
					break;
				}
				it.remove();
			}
			Window fresh = new Window(now.plus(this.period), Math.min(this.limit, 8));
			this.byKey.put(key, fresh);
			return fresh;
		}

	}

	/** The identities counted in one window; grown on demand up to the limit. */
	private static final class Window {

		private final Instant end;

		private long[] ids;

		private int count;

		Window(Instant end, int capacity) {
			this.end = end;
			this.ids = new long[capacity];
		}

		boolean contains(long id) {
			for (int i = 0; i < this.count; i++) {
				if (this.ids[i] == id) {
					return true;
				}
			}
			return false;
		}

		void add(long id) {
			if (contains(id)) {
				return;
			}
			if (this.count == this.ids.length) {
				this.ids = Arrays.copyOf(this.ids, this.ids.length * 2);
			}
			this.ids[this.count++] = id;
		}

	}

}
