package dev.p2pchat.peer.mesh;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

/**
 * Decides whether a link that just authenticated may be registered: at most
 * {@code maxLinks} links in all and {@code perAddress} accepted links from one source
 * address. At the bound a stranger's new link is refused, and a preferred peer's (one the
 * peer has a conversation with) evicts the least recently active stranger's; existing
 * links are never displaced by a stranger. A peer's new link that replaces its own older
 * one always passes. Not thread-safe: {@link Mesh} calls it under its establishing lock.
 */
final class LinkAdmission {

	/** Why a link was not admitted. */
	enum Refusal {

		/** {@code p2pchat.peer.max-links} reached and nobody to evict. */
		MAX_LINKS,
		/** {@code p2pchat.peer.limits.links-per-address} reached for its address. */
		PER_ADDRESS;

		String tag() {
			return (this == MAX_LINKS) ? "max-links" : "per-address";
		}

	}

	/**
	 * The verdict: {@code refusal == null} admits, evicting {@code evict} if set.
	 */
	record Decision(@Nullable Refusal refusal, @Nullable PeerLink evict) {

		static final Decision ADMIT = new Decision(null, null);

	}

	private final int maxLinks;

	private final int perAddress;

	private final Map<InetAddress, Integer> accepted = new HashMap<>();

	private volatile int mostFromOneAddress;

	LinkAdmission(int maxLinks, int perAddress) {
		this.maxLinks = maxLinks;
		this.perAddress = perAddress;
	}

	Decision decide(PeerLink link, String peerId, Map<String, PeerLink> links, Predicate<String> preferred) {
		if (links.containsKey(peerId)) {
			return Decision.ADMIT;
		}
		InetAddress address = address(link);
		if (address != null && this.accepted.getOrDefault(address, 0) >= this.perAddress) {
			return new Decision(Refusal.PER_ADDRESS, null);
		}
		if (links.size() < this.maxLinks) {
			return Decision.ADMIT;
		}
		if (!preferred.test(peerId)) {
			return new Decision(Refusal.MAX_LINKS, null);
		}
		PeerLink stranger = leastRecentlyActiveStranger(links.values(), preferred);
		return (stranger != null) ? new Decision(null, stranger) : new Decision(Refusal.MAX_LINKS, null);
	}

	private static @Nullable PeerLink leastRecentlyActiveStranger(Collection<PeerLink> links,
			Predicate<String> preferred) {
		return links.stream()
			.filter((link) -> !preferred.test(link.peerId()))
			.min(Comparator.comparing(PeerLink::lastActive, Comparator.nullsFirst(Instant::compareTo)))
			.orElse(null);
	}

	/** The link was admitted: its address counts until {@link #release}. */
	void count(PeerLink link) {
		InetAddress address = address(link);
		if (address != null && link.countAddress(address)) {
			int held = this.accepted.merge(address, 1, Integer::sum);
			this.mostFromOneAddress = Math.max(this.mostFromOneAddress, held);
		}
	}

	/** The link closed; idempotent. */
	void release(PeerLink link) {
		InetAddress address = link.uncountAddress();
		if (address != null) {
			this.accepted.computeIfPresent(address, (key, held) -> (held > 1) ? held - 1 : null);
			this.mostFromOneAddress = this.accepted.values().stream().mapToInt(Integer::intValue).max().orElse(0);
		}
	}

	int maxLinks() {
		return this.maxLinks;
	}

	/** Most accepted links held from one address now (a gauge). */
	int mostFromOneAddress() {
		return this.mostFromOneAddress;
	}

	/** Links this peer dialled are not counted: it chose their addresses itself. */
	private static @Nullable InetAddress address(PeerLink link) {
		if (link.dialed() != null) {
			return null;
		}
		InetSocketAddress remote = link.session().getRemoteAddress();
		return (remote != null && remote.getAddress() != null) ? HandshakeGate.counted(remote.getAddress()) : null;
	}

}
