package dev.p2pchat.tracker.registry;

import java.util.Comparator;
import java.util.List;

/**
 * An immutable view of every live peer at one version of the registry.
 *
 * @param version the registry version this list reflects; it grows with every change
 * (registration, renewal, rename, departure) and is comparable with
 * {@link PeerEvent#sequence()}: an event with {@code sequence <= version} is already part
 * of this list
 * @param peers the live peers sorted by username without regard to case
 */
public record PeerList(long version, List<Peer> peers) {

	/** Username without regard to case, then exact username, then peerId. */
	public static final Comparator<Peer> ORDER = Comparator.comparing((Peer p) -> PeerFields.nameKey(p.username()))
		.thenComparing(Peer::username)
		.thenComparing(Peer::peerId);

	public PeerList {
		peers = List.copyOf(peers);
	}

}
