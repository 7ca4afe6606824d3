package dev.p2pchat.peer.mesh;

import java.util.Optional;

import org.springframework.web.socket.CloseStatus;

import dev.p2pchat.peer.config.LocalPeer;
import dev.p2pchat.peer.tracker.KnownPeer;
import dev.p2pchat.peer.tracker.PeerDirectory;

/**
 * Checks a hello against the tracker's view: protocol version, a peerId the tracker lists
 * (reloading the list once if it is not known yet, in case the joined event is still on
 * its way), and the same username and URL as listed.
 */
final class Handshake {

	private final LocalPeer self;

	private final PeerDirectory directory;

	Handshake(LocalPeer self, PeerDirectory directory) {
		this.self = self;
		this.directory = directory;
	}

	/** Checks the hello a dialling peer sent to this peer. */
	void checkCaller(LinkFrame.Hello hello) throws LinkException {
		checkVersion(hello);
		if (hello.peerId().equals(this.self.id())) {
			throw refused("that is my own peerId");
		}
		Optional<KnownPeer> known = this.directory.find(hello.peerId());
		if (known.isEmpty() || !matches(known.get(), hello)) {
			this.directory.refresh();
			known = this.directory.find(hello.peerId());
		}
		KnownPeer peer = known.orElseThrow(() -> refused("peer " + hello.peerId() + " is not listed by the tracker"));
		if (!matches(peer, hello)) {
			throw refused("hello disagrees with the tracker's record of " + hello.peerId());
		}
	}

	/** Checks the hello of the peer this peer dialled. */
	void checkCallee(KnownPeer dialed, LinkFrame.Hello hello) throws LinkException {
		checkVersion(hello);
		if (!dialed.peerId().equals(hello.peerId())) {
			throw refused("dialled " + dialed.peerId() + " but reached " + hello.peerId());
		}
	}

	private static void checkVersion(LinkFrame.Hello hello) throws LinkException {
		if (hello.version() != LinkFrame.VERSION) {
			throw new LinkException(CloseStatus.PROTOCOL_ERROR, "unsupported protocol version " + hello.version());
		}
	}

	private static boolean matches(KnownPeer peer, LinkFrame.Hello hello) {
		return peer.username().equalsIgnoreCase(hello.username()) && peer.url().equals(hello.url());
	}

	private static LinkException refused(String reason) {
		return new LinkException(CloseStatus.POLICY_VIOLATION, reason);
	}

}
