package dev.p2pchat.peer.mesh;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import dev.p2pchat.link.frame.Frame;
import dev.p2pchat.peer.config.LocalPeer;
import dev.p2pchat.peer.config.Reachability;
import dev.p2pchat.peer.tracker.KnownPeer;
import dev.p2pchat.peer.tracker.PeerDirectory;

/**
 * The one place that decides how this peer links to another: dial it, wait for it to
 * dial, or open a relayed link through a peer both are linked to. Whoever can dial,
 * dials: of two reachable peers the smaller peerId dials (as always); a reachable peer
 * never dials an unreachable one (it would wait forever), the unreachable side dials it;
 * two unreachable peers link through a relay, opened by the smaller peerId. A peer that
 * is still learning its reachability counts as reachable, and dials a reachable peer that
 * should have dialled it but has not within {@link #UNKNOWN_GRACE}. Thread-safe.
 */
final class Routes {

	/** How this peer links to one other. */
	enum Route {

		/** This peer dials the other directly. */
		DIAL,

		/** The other dials this peer (or opens the relayed link); this peer waits. */
		AWAIT,

		/** This peer opens a relayed link to the other. */
		RELAY

	}

	private final LocalPeer self;

	private final Reachability reachability;

	private final PeerDirectory directory;

	private final Mesh mesh;

	/**
	 * How long a peer still learning its reachability waits for a reachable peer to dial
	 * it before dialling that peer itself: the other's dials may never reach it, and
	 * without a link it cannot ask for a dial-back.
	 */
	static final Duration UNKNOWN_GRACE = Duration.ofSeconds(10);

	/** Since when this peer, still learning, waits for each reachable peer to dial. */
	private final Map<String, Instant> awaiting = new ConcurrentHashMap<>();

	/** Per other peer, the relays that refused a circuit to it since the last success. */
	private final Map<String, Set<String>> refusedBy = new ConcurrentHashMap<>();

	Routes(LocalPeer self, Reachability reachability, PeerDirectory directory, Mesh mesh) {
		this.self = self;
		this.reachability = reachability;
		this.directory = directory;
		this.mesh = mesh;
	}

	/** The dial rule for this peer and another, from both sides' reachability. */
	static Route route(String self, boolean selfReachable, String other, boolean otherReachable) {
		boolean smaller = self.compareTo(other) < 0;
		if (selfReachable && otherReachable) {
			return smaller ? Route.DIAL : Route.AWAIT;
		}
		if (otherReachable) {
			return Route.DIAL;
		}
		if (selfReachable) {
			return Route.AWAIT;
		}
		return smaller ? Route.RELAY : Route.AWAIT;
	}

	Route route(KnownPeer peer) {
		return route(this.self.id(), this.reachability.reachable(), peer.peerId(), peer.reachable());
	}

	/** Whether this side makes the link to the peer (dials it or opens the circuit). */
	boolean opens(String peerId) {
		return this.directory.find(peerId).map((peer) -> route(peer) != Route.AWAIT).orElse(false);
	}

	/**
	 * Whether this peer, still learning its reachability, has waited
	 * {@link #UNKNOWN_GRACE} in vain for a reachable peer that should dial it: then it
	 * dials that peer itself.
	 */
	boolean dialsAnyway(KnownPeer peer, Instant now) {
		if (!this.reachability.unknown() || !peer.reachable() || route(peer) != Route.AWAIT
				|| this.mesh.link(peer.peerId()) != null) {
			this.awaiting.remove(peer.peerId());
			return false;
		}
		Instant since = this.awaiting.computeIfAbsent(peer.peerId(), (id) -> now);
		return !now.isBefore(since.plus(UNKNOWN_GRACE));
	}

	/**
	 * The link to relay through for a link to {@code peer}: a direct link to a reachable
	 * peer (only such peers relay), preferring those that have not refused it lately; in
	 * peerId order, so that both ends tend to pick the same one.
	 * @return the relay's link, or {@code null} when this peer has none
	 */
	@Nullable PeerLink relayFor(KnownPeer peer) {
		Set<String> refused = this.refusedBy.getOrDefault(peer.peerId(), Set.of());
		return this.mesh.links()
			.stream()
			.filter((link) -> link.isOpen() && !(link.session() instanceof CircuitSession))
			.filter((link) -> !link.peerId().equals(peer.peerId()))
			.filter((link) -> this.directory.find(link.peerId()).map(KnownPeer::reachable).orElse(false))
			.min(Comparator.comparing((PeerLink link) -> refused.contains(link.peerId()))
				.thenComparing(PeerLink::peerId))
			.orElse(null);
	}

	/** A relay refused a circuit to the peer: the next attempt prefers another. */
	void refused(String peerId, String relay) {
		this.refusedBy.computeIfAbsent(peerId, (id) -> ConcurrentHashMap.newKeySet()).add(relay);
	}

	/** Linked to the peer: every relay is worth trying again next time. */
	void linked(String peerId) {
		this.refusedBy.remove(peerId);
		this.awaiting.remove(peerId);
	}

	/** The relay's peerId when the link to the peer is relayed, else {@code null}. */
	@Nullable String via(String peerId) {
		PeerLink link = this.mesh.link(peerId);
		return (link != null && link.session() instanceof CircuitSession circuit) ? circuit.via() : null;
	}

}
