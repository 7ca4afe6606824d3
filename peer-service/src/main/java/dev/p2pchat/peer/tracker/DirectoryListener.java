package dev.p2pchat.peer.tracker;

/**
 * Told of changes to the {@link PeerDirectory}. Called on the thread that applied the
 * change, after it was applied; must not block.
 */
public interface DirectoryListener {

	/** A peer appeared in the tracker's list (or came back to it). */
	default void joined(KnownPeer peer) {
	}

	/** A peer left the tracker's list; it is kept for a while. */
	default void left(KnownPeer peer) {
	}

	/** A peer (possibly this one, see {@link PeerDirectory#selfRenamed}) was renamed. */
	default void renamed(KnownPeer peer, String previousUsername) {
	}

	/** A peer that left long ago is forgotten. */
	default void forgotten(KnownPeer peer) {
	}

}
