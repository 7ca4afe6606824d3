package dev.p2pchat.peer.mesh;

/**
 * The sender's handle on one message queued with {@link Mesh#send}: the mesh reports
 * through it what became of the message at that recipient. For each send exactly one of
 * the two methods is called, once, on a link or maintenance thread; implementations must
 * not block. A ticket shared by the recipients of a broadcast hears from each of them.
 */
public interface DeliveryTicket {

	/** The peer acknowledged the message. */
	void delivered(String peerId);

	/** The message will not be delivered to that peer, for this reason. */
	void failed(String peerId, String reason);

}
