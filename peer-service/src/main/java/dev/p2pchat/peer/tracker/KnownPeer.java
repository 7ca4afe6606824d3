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
 */
public record KnownPeer(String peerId, String username, URI url, @Nullable Instant leftAt) {

	public KnownPeer {
		Objects.requireNonNull(peerId, "peerId");
		Objects.requireNonNull(username, "username");
		Objects.requireNonNull(url, "url");
	}

	/** Whether the tracker lists this peer. */
	public boolean live() {
		return this.leftAt == null;
	}

	static KnownPeer of(TrackerPeer peer) {
		return new KnownPeer(peer.peerId(), peer.username(), peer.url(), null);
	}

}
