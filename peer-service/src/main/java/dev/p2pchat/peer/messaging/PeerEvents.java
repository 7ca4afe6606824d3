package dev.p2pchat.peer.messaging;

import dev.p2pchat.peer.mesh.Mesh;
import dev.p2pchat.peer.tracker.DirectoryListener;
import dev.p2pchat.peer.tracker.KnownPeer;

/**
 * Publishes what the directory reports (peers joining, leaving, renamed) as live events,
 * each peer with the state of its link.
 */
final class PeerEvents implements DirectoryListener {

	private final Mesh mesh;

	private final ChatEvents events;

	PeerEvents(Mesh mesh, ChatEvents events) {
		this.mesh = mesh;
		this.events = events;
	}

	@Override
	public void joined(KnownPeer peer) {
		publish("joined", peer);
	}

	@Override
	public void left(KnownPeer peer) {
		publish("left", peer);
	}

	@Override
	public void renamed(KnownPeer peer, String previousUsername) {
		this.events.publish(new ChatEvent.Renamed(peer.peerId(), peer.username(), previousUsername));
	}

	private void publish(String kind, KnownPeer peer) {
		this.events.publish(new ChatEvent.Peer(kind, peer.peerId(), peer.username(), peer.url(),
				this.mesh.linkState(peer.peerId())));
	}

}
