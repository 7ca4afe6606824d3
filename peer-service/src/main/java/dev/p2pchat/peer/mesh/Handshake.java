package dev.p2pchat.peer.mesh;

import java.util.Optional;

import org.springframework.web.socket.CloseStatus;

import dev.p2pchat.peer.config.LocalPeer;
import dev.p2pchat.link.identity.PublicIdentity;
import dev.p2pchat.peer.tracker.KnownPeer;
import dev.p2pchat.peer.tracker.PeerDirectory;

/**
 * Checks an authenticated handshake against the tracker's view. The peerId is always
 * derived from the key the other side proved (so it cannot be claimed); the acceptor also
 * requires the tracker to list that peer (reloading the list once if it is not known yet,
 * in case the joined event is still on its way) with the same key, username and URL; the
 * dialler requires the peer it dialled.
 */
final class Handshake {

	private final LocalPeer self;

	private final PeerDirectory directory;

	Handshake(LocalPeer self, PeerDirectory directory) {
		this.self = self;
		this.directory = directory;
	}

	/** Checks the dialling peer, authenticated with {@code key}. */
	void checkCaller(PublicIdentity key, RemotePeer hello) throws LinkException {
		if (hello.peerId().equals(this.self.id())) {
			throw refused("that is my own peerId", LinkMetrics.HandshakeFailure.MISMATCH);
		}
		Optional<KnownPeer> known = this.directory.find(hello.peerId());
		if (known.isEmpty() || !matches(known.get(), key, hello)) {
			this.directory.refresh();
			known = this.directory.find(hello.peerId());
		}
		KnownPeer peer = known.orElseThrow(() -> refused("peer " + hello.peerId() + " is not listed by the tracker",
				LinkMetrics.HandshakeFailure.NOT_LISTED));
		if (!matches(peer, key, hello)) {
			throw refused("handshake disagrees with the tracker's record of " + hello.peerId(),
					LinkMetrics.HandshakeFailure.MISMATCH);
		}
	}

	/** Checks the peer this peer dialled, authenticated with {@code key}. */
	void checkCallee(KnownPeer dialed, PublicIdentity key, RemotePeer hello) throws LinkException {
		if (!dialed.peerId().equals(hello.peerId())) {
			throw refused("dialled " + dialed.peerId() + " but reached " + hello.peerId(),
					LinkMetrics.HandshakeFailure.MISMATCH);
		}
		if (dialed.publicKey() != null && !dialed.publicKey().equals(key.encoded())) {
			throw refused("dialled " + dialed.peerId() + " but its key is not the one listed",
					LinkMetrics.HandshakeFailure.MISMATCH);
		}
	}

	private static boolean matches(KnownPeer peer, PublicIdentity key, RemotePeer hello) {
		return (peer.publicKey() == null || peer.publicKey().equals(key.encoded()))
				&& peer.username().equalsIgnoreCase(hello.username()) && peer.url().equals(hello.url());
	}

	private static LinkException refused(String reason, LinkMetrics.HandshakeFailure failure) {
		return new LinkException(CloseStatus.POLICY_VIOLATION, reason, failure);
	}

}
