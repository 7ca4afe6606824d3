package dev.p2pchat.peer.tracker;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Another peer this peer knows of: listed by the tracker ({@code leftAt == null}) or gone
 * from its list at {@code leftAt} and kept for a while because it may come back.
 *
 * @param peerId the peer's id
 * @param username its username as last seen
 * @param url the base URL where it accepts links
 * @param leftAt when it left the tracker's list, or {@code null} while listed
 * @param publicKey its identity key as the tracker lists it (raw Ed25519, base64url),
 * when listed; its peerId is the key's hash, so a key that does not hash to it is never
 * kept
 * @param reachable whether the tracker lists it as reachable (others can dial it); a
 * record without the field counts as reachable
 */
public record KnownPeer(String peerId, String username, URI url, @Nullable Instant leftAt, @Nullable String publicKey,
		boolean reachable) {

	public KnownPeer {
		Objects.requireNonNull(peerId, "peerId");
		Objects.requireNonNull(username, "username");
		Objects.requireNonNull(url, "url");
	}

	/** A reachable peer. */
	public KnownPeer(String peerId, String username, URI url, @Nullable Instant leftAt, @Nullable String publicKey) {
		this(peerId, username, url, leftAt, publicKey, true);
	}

	/** Whether the tracker lists this peer. */
	public boolean live() {
		return this.leftAt == null;
	}

	/** The same peer, gone from the tracker's list at {@code when}. */
	KnownPeer leftAt(Instant when) {
		return new KnownPeer(this.peerId, this.username, this.url, when, this.publicKey, this.reachable);
	}

	static KnownPeer of(TrackerPeer peer) {
		return new KnownPeer(peer.peerId(), peer.username(), peer.url(), null, peer.publicKey(),
				!Boolean.FALSE.equals(peer.reachable()));
	}

}
