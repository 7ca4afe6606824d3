package dev.p2pchat.peer.tracker;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import lombok.extern.slf4j.Slf4j;

import dev.p2pchat.peer.config.LocalPeer;
import dev.p2pchat.peer.config.Username;
import dev.p2pchat.link.identity.PublicIdentity;

/**
 * The other peers this one knows of, fed by the tracker's event stream (or by polling
 * while it is down). Peers that leave the tracker's list are kept, as not live, for a
 * retention period (the outbox bound) because they may come back. Thread-safe: reads are
 * lock-free, changes are serialised and listeners are called after each change.
 */
@Slf4j
public final class PeerDirectory {

	private static final Duration REFRESH_QUIET_PERIOD = Duration.ofMillis(250);

	private final LocalPeer self;

	private final TrackerClient tracker;

	private final Clock clock;

	private final Duration retention;

	private final Map<String, KnownPeer> peers = new ConcurrentHashMap<>();

	private final List<DirectoryListener> listeners = new CopyOnWriteArrayList<>();

	private final ReentrantLock lock = new ReentrantLock();

	private volatile Instant lastRefresh = Instant.EPOCH;

	PeerDirectory(LocalPeer self, TrackerClient tracker, Clock clock, Duration retention) {
		this.self = self;
		this.tracker = tracker;
		this.clock = clock;
		this.retention = retention;
	}

	public void addListener(DirectoryListener listener) {
		this.listeners.add(listener);
	}

	public Optional<KnownPeer> find(String peerId) {
		return Optional.ofNullable(this.peers.get(peerId));
	}

	/** The peer of that name (case-insensitive), a live one before one that left. */
	public Optional<KnownPeer> findByUsername(String username) {
		return this.peers.values()
			.stream()
			.filter((peer) -> Username.same(peer.username(), username))
			.min(Comparator.comparing((KnownPeer peer) -> !peer.live())
				.thenComparing(KnownPeer::leftAt, Comparator.nullsFirst(Comparator.reverseOrder())));
	}

	/** Every known peer, in no particular order (cheaper than {@link #all()}). */
	public List<KnownPeer> everyone() {
		return List.copyOf(this.peers.values());
	}

	/** Every known peer, sorted by username. */
	public List<KnownPeer> all() {
		return this.peers.values()
			.stream()
			.sorted(Comparator.comparing((KnownPeer peer) -> Username.key(peer.username())))
			.toList();
	}

	/**
	 * Reloads the list from the tracker unless that was done a moment ago.
	 * @return whether the list was reloaded
	 */
	public boolean refresh() {
		Instant now = this.clock.instant();
		if (now.isBefore(this.lastRefresh.plus(REFRESH_QUIET_PERIOD))) {
			return false;
		}
		this.lastRefresh = now;
		try {
			snapshot(this.tracker.list());
			return true;
		}
		catch (RuntimeException ex) {
			log.debug("could not refresh the peer list: {}", ex.getMessage());
			return false;
		}
	}

	/** Applies the tracker's full list: peers missing from it have left. */
	void snapshot(List<TrackerPeer> list) {
		List<Runnable> events = new ArrayList<>();
		var listed = new HashSet<String>();
		this.lock.lock();
		try {
			for (TrackerPeer peer : list) {
				listed.add(peer.peerId());
				upsert(peer, false, events);
			}
			for (KnownPeer known : List.copyOf(this.peers.values())) {
				if (known.live() && !listed.contains(known.peerId())) {
					markLeft(known.peerId(), events);
				}
			}
		}
		finally {
			this.lock.unlock();
		}
		events.forEach(Runnable::run);
	}

	/** A joined event: reported even for a listed peer, which then registered again. */
	void joined(TrackerPeer peer) {
		change((events) -> upsert(peer, true, events));
	}

	void renamed(TrackerPeer peer) {
		change((events) -> upsert(peer, false, events));
	}

	void left(String peerId) {
		change((events) -> markLeft(peerId, events));
	}

	/** Tells the listeners that this peer itself was renamed. */
	void selfRenamed(String previousUsername) {
		var me = new KnownPeer(this.self.id(), this.self.username(), this.self.url(), null, null);
		notify((listener) -> listener.renamed(me, previousUsername));
	}

	/** Forgets peers that left longer ago than the retention period. */
	void forgetDeparted() {
		Instant cutoff = this.clock.instant().minus(this.retention);
		change((events) -> {
			for (KnownPeer known : List.copyOf(this.peers.values())) {
				if (!known.live() && known.leftAt().isBefore(cutoff)) {
					this.peers.remove(known.peerId());
					events.add(() -> notify((listener) -> listener.forgotten(known)));
				}
			}
		});
	}

	private void change(Consumer<List<Runnable>> mutation) {
		List<Runnable> events = new ArrayList<>();
		this.lock.lock();
		try {
			mutation.accept(events);
		}
		finally {
			this.lock.unlock();
		}
		events.forEach(Runnable::run);
	}

	private void upsert(TrackerPeer peer, boolean rejoined, List<Runnable> events) {
		if (peer.peerId().equals(this.self.id())) {
			return;
		}
		if (!keyMatches(peer)) {
			log.warn("ignoring the tracker's record of {}: its publicKey is not that peerId's", peer.peerId());
			return;
		}
		KnownPeer fresh = KnownPeer.of(peer);
		KnownPeer old = this.peers.put(peer.peerId(), fresh);
		if (rejoined || old == null || !old.live() || !old.url().equals(fresh.url())
				|| old.reachable() != fresh.reachable()) {
			log.info("peer {} ({}) joined at {}", fresh.username(), fresh.peerId(), fresh.url());
			events.add(() -> notify((listener) -> listener.joined(fresh)));
		}
		else if (!old.username().equals(fresh.username())) {
			log.info("peer {} renamed {} -> {}", fresh.peerId(), old.username(), fresh.username());
			events.add(() -> notify((listener) -> listener.renamed(fresh, old.username())));
		}
	}

	/**
	 * A peerId is the hash of its key: a record pairing an id with another key is a lie
	 * (of the tracker or on the way) and is ignored. A record without a key (an older
	 * tracker) is kept; the link handshake checks the key in any case.
	 */
	private static boolean keyMatches(TrackerPeer peer) {
		if (peer.publicKey() == null) {
			return true;
		}
		try {
			return PublicIdentity.parse(peer.publicKey()).peerId().equals(peer.peerId());
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private void markLeft(String peerId, List<Runnable> events) {
		KnownPeer old = this.peers.get(peerId);
		if (old == null || !old.live()) {
			return;
		}
		KnownPeer gone = old.leftAt(this.clock.instant());
		this.peers.put(peerId, gone);
		log.info("peer {} ({}) left", gone.username(), gone.peerId());
		events.add(() -> notify((listener) -> listener.left(gone)));
	}

	private void notify(Consumer<DirectoryListener> event) {
		for (DirectoryListener listener : this.listeners) {
			try {
				event.accept(listener);
			}
			catch (RuntimeException ex) {
				log.warn("directory listener failed", ex);
			}
		}
	}

}
