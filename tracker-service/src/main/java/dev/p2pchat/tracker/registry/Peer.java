package dev.p2pchat.tracker.registry;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One live peer as everybody may see it: the lease token is never part of it.
 *
 * @param peerId the peer's stable id, see {@link PeerFields#PEER_ID}
 * @param username its current username, unique among live peers regardless of case
 * @param url the absolute http(s) base URL where the peer accepts links
 * @param publicKey the peer's Ed25519 identity key, raw 32 bytes in base64url without
 * padding; the peerId is derived from it
 * @param registeredAt when this record was created by {@code POST /peers}
 * @param renewedAt when the lease was last renewed (equal to {@code registeredAt} at
 * first)
 * @param reachable whether other peers can dial the peer's url, as the peer registered it
 * (a peer behind NAT says {@code false}; a registration without the field counts as
 * reachable, as every peer did before)
 */
public record Peer(String peerId, String username, String url, String publicKey, Instant registeredAt,
		Instant renewedAt, boolean reachable) {

	public Peer {
		requireNonNull(peerId, "peerId");
		requireNonNull(username, "username");
		requireNonNull(url, "url");
		requireNonNull(publicKey, "publicKey");
		requireNonNull(registeredAt, "registeredAt");
		requireNonNull(renewedAt, "renewedAt");
	}

	/** A reachable peer. */
	public Peer(String peerId, String username, String url, String publicKey, Instant registeredAt, Instant renewedAt) {
		this(peerId, username, url, publicKey, registeredAt, renewedAt, true);
	}

	Peer withUsername(String newUsername) {
		return new Peer(this.peerId, newUsername, this.url, this.publicKey, this.registeredAt, this.renewedAt,
				this.reachable);
	}

	Peer renewedAt(Instant when) {
		return new Peer(this.peerId, this.username, this.url, this.publicKey, this.registeredAt, when, this.reachable);
	}

}
