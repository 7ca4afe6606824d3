package dev.p2pchat.tracker.registry;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One live peer as everybody may see it: the lease token is never part of it.
 *
 * @param peerId the peer's stable id, see {@link PeerFields#PEER_ID}
 * @param username its current username, unique among live peers regardless of case
 * @param url the absolute http(s) base URL where the peer accepts links
 * @param registeredAt when this record was created by {@code POST /peers}
 * @param renewedAt when the lease was last renewed (equal to {@code registeredAt} at
 * first)
 */
public record Peer(String peerId, String username, String url, Instant registeredAt, Instant renewedAt) {

	public Peer {
		requireNonNull(peerId, "peerId");
		requireNonNull(username, "username");
		requireNonNull(url, "url");
		requireNonNull(registeredAt, "registeredAt");
		requireNonNull(renewedAt, "renewedAt");
	}

	Peer withUsername(String newUsername) {
		return new Peer(this.peerId, newUsername, this.url, this.registeredAt, this.renewedAt);
	}

	Peer renewedAt(Instant when) {
		return new Peer(this.peerId, this.username, this.url, this.registeredAt, when);
	}

}
