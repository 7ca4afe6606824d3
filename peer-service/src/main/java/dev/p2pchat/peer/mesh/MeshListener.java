package dev.p2pchat.peer.mesh;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.p2pchat.link.frame.Frame;
import dev.p2pchat.link.frame.MessageRecord;

/**
 * Receives what the {@link Mesh} delivers: messages from peers and link changes (what
 * becomes of a sent message goes to its {@link DeliveryTicket}). Methods are called on
 * link threads and must not block.
 */
public interface MeshListener {

	/**
	 * A message from a peer, its record as received (its sender is the link's peer, never
	 * a field), once per sequence number and in that peer's send order; a catch-up's
	 * messages too (not numbered: the listener de-duplicates).
	 * @throws RefusedMessageException (or another {@code IllegalArgumentException}) when
	 * the message is not valid; the link is then closed (1007) with the reason
	 */
	void received(String peerId, MessageRecord message);

	/**
	 * Whether this peer has a conversation with that peer: when the links are at their
	 * bound ({@code p2pchat.peer.max-links}), its link is kept before a stranger's. False
	 * by default.
	 */
	default boolean preferred(String peerId) {
		return false;
	}

	/**
	 * Called after a batch of {@link #received} messages and before they are acknowledged
	 * to their sender: returns once they are kept where a crash of this process cannot
	 * lose them. Does nothing by default.
	 */
	default void storeReceived() {
	}

	/**
	 * The newest message held from a peer, told to it when a link is established so that
	 * it can offer what this peer missed; {@code null} (the default) for none.
	 */
	default @Nullable UUID newestFrom(String peerId) {
		return null;
	}

	/**
	 * This peer's own recent broadcasts to offer a newly linked peer whose newest message
	 * from this one is {@code since} (see {@link Frame.CatchUp}): encoded, oldest first,
	 * at most {@link Frame.CatchUp#MAX_CATCH_UP}; none by default.
	 */
	default List<MessageRecord> catchUp(String peerId, @Nullable UUID since) {
		return List.of();
	}

	/** The link to a peer changed state. */
	void linkChanged(String peerId, LinkState state);

	/**
	 * The peer's user is typing, privately to this peer or to everyone; ephemeral, may be
	 * dropped.
	 */
	default void typing(String peerId, boolean privately) {
	}

}
