package dev.p2pchat.peer.mesh;

/**
 * What became of a link, for the side that redials ({@link Dialer}): handed to each link
 * when it opens, so that the session reports to it without holding the dialer.
 */
interface DialOutcomes {

	/** A link to the peer was established. */
	void linked(String peerId);

	/** An established link to the peer closed. */
	void lost(String peerId);

	/** A dialled link closed without (or before) being established. */
	void failed(String peerId, String reason);

}
