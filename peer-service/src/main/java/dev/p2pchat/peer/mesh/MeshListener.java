package dev.p2pchat.peer.mesh;

import tools.jackson.databind.JsonNode;

/**
 * Receives what the {@link Mesh} delivers: messages from peers and link changes (what
 * becomes of a sent message goes to its {@link DeliveryTicket}). Methods are called on
 * link threads and must not block.
 */
public interface MeshListener {

	/**
	 * The type batch messages are bound to before {@link #received}; {@code JsonNode} by
	 * default.
	 */
	default Class<?> messageType() {
		return JsonNode.class;
	}

	/**
	 * A message from a peer (an instance of {@link #messageType()}), once and in that
	 * peer's send order.
	 * @throws IllegalArgumentException when the message is not valid; the link is then
	 * closed with a reason
	 */
	void received(String peerId, Object message);

	/** The link to a peer changed state. */
	void linkChanged(String peerId, LinkState state);

	/**
	 * The peer's user is typing, privately to this peer or to everyone; ephemeral, may be
	 * dropped.
	 */
	default void typing(String peerId, boolean privately) {
	}

}
