package dev.p2pchat.tracker.registry;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;

import lombok.extern.slf4j.Slf4j;
import org.jspecify.annotations.Nullable;

/**
 * The default {@link PeerRegistry}: three maps and the {@link NameReservations} behind
 * one lock.
 *
 * <p>
 * Every mutation takes a single {@link ReentrantLock}, which makes username uniqueness
 * and the event order trivially atomic; the critical sections are short and never do I/O.
 * Events are published to the listeners inside the lock, so they see them in version
 * order. {@link #list()} is computed at most once per version and then served from a
 * volatile field without locking.
 */
@Slf4j
public final class InMemoryPeerRegistry implements PeerRegistry {

	private final Clock clock;

	private final Duration lease;

	private final LeaseTokens tokens;

	private final ReentrantLock lock = new ReentrantLock();

	/** peerId to entry; guarded by {@link #lock}. */
	private final Map<String, Entry> byId = new HashMap<>();

	/** {@link PeerFields#nameKey} of the username to peerId; guarded by {@link #lock}. */
	private final Map<String, String> idByName = new HashMap<>();

	/**
	 * Hex of the SHA-256 of each live lease token to its peerId; guarded by
	 * {@link #lock}. Looking up a hash reveals nothing useful about the token by timing.
	 */
	private final Map<String, String> idByTokenHash = new HashMap<>();

	private final int maxPeers;

	/** Departed peers' names, kept for their keys; guarded by {@link #lock}. */
	private final NameReservations reservations;

	private final List<PeerEventListener> listeners = new CopyOnWriteArrayList<>();

	/** Guarded by {@link #lock}. */
	private long version;

	private volatile @Nullable PeerList cachedList;

	/**
	 * Creates an empty registry.
	 * @param clock the source of time for leases and timestamps
	 * @param lease how long a record lives without a renewal
	 */
	public InMemoryPeerRegistry(Clock clock, Duration lease) {
		this(clock, lease, Integer.MAX_VALUE);
	}

	/**
	 * Creates an empty registry with a bound.
	 * @param clock the source of time for leases and timestamps
	 * @param lease how long a record lives without a renewal
	 * @param maxPeers the most live peers held
	 */
	public InMemoryPeerRegistry(Clock clock, Duration lease, int maxPeers) {
		this(clock, lease, maxPeers, Duration.ZERO);
	}

	/**
	 * Creates an empty registry with a bound that keeps departed peers' names.
	 * @param clock the source of time for leases and timestamps
	 * @param lease how long a record lives without a renewal
	 * @param maxPeers the most live peers held, and the most names reserved
	 * @param nameReservation how long a departed peer's name stays reserved for its key;
	 * zero reserves nothing
	 */
	public InMemoryPeerRegistry(Clock clock, Duration lease, int maxPeers, Duration nameReservation) {
		this(clock, lease, maxPeers, nameReservation, new SecureRandom());
	}

	InMemoryPeerRegistry(Clock clock, Duration lease, int maxPeers, SecureRandom random) {
		this(clock, lease, maxPeers, Duration.ZERO, random);
	}

	InMemoryPeerRegistry(Clock clock, Duration lease, int maxPeers, Duration nameReservation, SecureRandom random) {
		if (lease.isNegative() || lease.isZero()) {
			throw new IllegalArgumentException("lease must be positive: " + lease);
		}
		if (maxPeers < 1) {
			throw new IllegalArgumentException("maxPeers must be at least 1: " + maxPeers);
		}
		this.maxPeers = maxPeers;
		this.clock = clock;
		this.lease = lease;
		this.tokens = new LeaseTokens(random);
		this.reservations = new NameReservations(nameReservation, maxPeers);
	}

	@Override
	public Registration register(String peerId, String username, String url, String publicKey, boolean reachable) {
		this.lock.lock();
		try {
			Instant now = now();
			Entry existing = liveEntry(peerId, now);
			if (existing != null && !existing.peer().publicKey().equals(publicKey)) {
				throw new PeerIdTakenException(peerId);
			}
			requireFree(username, peerId, now);
			if (existing == null && this.byId.size() >= this.maxPeers && expireDue() == 0) {
				throw new DirectoryFullException(this.maxPeers);
			}
			if (existing != null) {
				this.idByName.remove(PeerFields.nameKey(existing.peer().username()));
			}
			this.reservations.release(peerId);
			String token = this.tokens.newToken();
			Peer peer = new Peer(peerId, username, url, publicKey, now, now, reachable);
			put(new Entry(peer, LeaseTokens.hash(token)));
			publish(new PeerEvent.Joined(advance(), peer));
			log.info("registered {} as {} at {}{}", peerId, username, url, (existing != null) ? " (again)" : "");
			return new Registration(peer, token, this.lease);
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public Optional<Peer> find(String peerId) {
		this.lock.lock();
		try {
			Entry entry = this.byId.get(peerId);
			return (entry != null && !entry.expired(now(), this.lease)) ? Optional.of(entry.peer()) : Optional.empty();
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public boolean holdsLiveLease(String leaseToken) {
		this.lock.lock();
		try {
			String peerId = this.idByTokenHash.get(hex(LeaseTokens.hash(leaseToken)));
			return peerId != null && liveEntry(peerId, now()) != null;
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public PeerList list() {
		PeerList list = this.cachedList;
		if (list != null) {
			return list;
		}
		this.lock.lock();
		try {
			return currentList();
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public Peer renew(String peerId, String leaseToken) {
		this.lock.lock();
		try {
			Entry entry = authorized(peerId, leaseToken, now());
			Peer renewed = entry.peer().renewedAt(now());
			put(new Entry(renewed, entry.tokenHash()));
			advance();
			return renewed;
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public Peer rename(String peerId, String leaseToken, String username) {
		this.lock.lock();
		try {
			Instant now = now();
			Entry entry = authorized(peerId, leaseToken, now);
			String previous = entry.peer().username();
			if (previous.equals(username)) {
				return entry.peer();
			}
			requireFree(username, peerId, now);
			this.idByName.remove(PeerFields.nameKey(previous));
			Peer renamed = entry.peer().withUsername(username);
			put(new Entry(renamed, entry.tokenHash()));
			publish(new PeerEvent.Renamed(advance(), renamed, previous));
			log.info("renamed {} from {} to {}", peerId, previous, username);
			return renamed;
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public Peer remove(String peerId, String leaseToken) {
		this.lock.lock();
		try {
			Entry entry = authorized(peerId, leaseToken, now());
			drop(entry.peer(), PeerEvent.Reason.DELETED);
			return entry.peer();
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public int expireDue() {
		this.lock.lock();
		try {
			Instant now = now();
			List<Peer> due = new ArrayList<>();
			for (Entry entry : this.byId.values()) {
				if (entry.expired(now, this.lease)) {
					due.add(entry.peer());
				}
			}
			due.sort(PeerList.ORDER);
			due.forEach((peer) -> drop(peer, PeerEvent.Reason.EXPIRED));
			this.reservations.expire(now);
			return due.size();
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public void addListener(PeerEventListener listener) {
		this.listeners.add(listener);
	}

	@Override
	public Duration lease() {
		return this.lease;
	}

	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
	}

	/** The live entry, expiring it on the spot when its lease has run out. */
	private @Nullable Entry liveEntry(String peerId, Instant now) {
		Entry entry = this.byId.get(peerId);
		if (entry != null && entry.expired(now, this.lease)) {
			drop(entry.peer(), PeerEvent.Reason.EXPIRED);
			return null;
		}
		return entry;
	}

	private @Nullable String liveHolderOf(String username, Instant now) {
		String holder = this.idByName.get(PeerFields.nameKey(username));
		return (holder != null && liveEntry(holder, now) != null) ? holder : null;
	}

	/** Refuses a name another live peer holds, or one reserved for another key. */
	private void requireFree(String username, String peerId, Instant now) {
		String holder = liveHolderOf(username, now);
		if (holder != null && !holder.equals(peerId)) {
			throw new NameTakenException(username);
		}
		if (this.reservations.heldByOther(PeerFields.nameKey(username), peerId, now)) {
			throw new NameReservedException(username);
		}
	}

	private Entry authorized(String peerId, String leaseToken, Instant now) {
		Entry entry = liveEntry(peerId, now);
		if (entry == null) {
			throw new PeerNotFoundException(peerId);
		}
		if (!LeaseTokens.matches(leaseToken, entry.tokenHash())) {
			throw new InvalidTokenException(peerId);
		}
		return entry;
	}

	private void put(Entry entry) {
		Entry previous = this.byId.put(entry.peer().peerId(), entry);
		if (previous != null) {
			this.idByTokenHash.remove(hex(previous.tokenHash()));
		}
		this.idByTokenHash.put(hex(entry.tokenHash()), entry.peer().peerId());
		this.idByName.put(PeerFields.nameKey(entry.peer().username()), entry.peer().peerId());
	}

	private void drop(Peer peer, PeerEvent.Reason reason) {
		Entry entry = this.byId.remove(peer.peerId());
		if (entry != null) {
			this.idByTokenHash.remove(hex(entry.tokenHash()));
		}
		this.idByName.remove(PeerFields.nameKey(peer.username()));
		this.reservations.reserve(PeerFields.nameKey(peer.username()), peer.peerId(), now());
		publish(new PeerEvent.Left(advance(), peer, reason));
		log.info("{} ({}) left: {}", peer.peerId(), peer.username(), reason.wireName());
	}

	/** Moves to the next version; the caller holds the lock. */
	private long advance() {
		this.cachedList = null;
		return ++this.version;
	}

	private PeerList currentList() {
		PeerList list = this.cachedList;
		if (list == null) {
			List<Peer> peers = new ArrayList<>(this.byId.size());
			this.byId.values().forEach((entry) -> peers.add(entry.peer()));
			peers.sort(PeerList.ORDER);
			list = new PeerList(this.version, peers);
			this.cachedList = list;
		}
		return list;
	}

	private void publish(PeerEvent event) {
		for (PeerEventListener listener : this.listeners) {
			try {
				listener.onEvent(event);
			}
			catch (RuntimeException ex) {
				log.warn("listener {} failed on event {}", listener, event.sequence(), ex);
			}
		}
	}

	private static String hex(byte[] hash) {
		return HexFormat.of().formatHex(hash);
	}

	private record Entry(Peer peer, byte[] tokenHash) {

		boolean expired(Instant now, Duration lease) {
			return !now.isBefore(this.peer.renewedAt().plus(lease));
		}

	}

}
