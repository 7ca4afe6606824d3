package dev.p2pchat.tracker.registry;

/**
 * A change of the registry, published to every {@link PeerEventListener} in the order the
 * changes happened.
 */
public sealed interface PeerEvent {

	/**
	 * The registry version this change produced; strictly increasing from one event to
	 * the next (renewals also advance the version but publish no event, so there may be
	 * gaps).
	 * @return the sequence number of this event
	 */
	long sequence();

	/**
	 * The peer after the change, or as it was when it left.
	 * @return the peer
	 */
	Peer peer();

	/**
	 * A peer registered, or a live peer registered again (a restart with the same url).
	 *
	 * @param sequence the registry version after the change
	 * @param peer the new record
	 */
	record Joined(long sequence, Peer peer) implements PeerEvent {
	}

	/**
	 * A peer changed its username.
	 *
	 * @param sequence the registry version after the change
	 * @param peer the record with the new username
	 * @param previousUsername the username it had before
	 */
	record Renamed(long sequence, Peer peer, String previousUsername) implements PeerEvent {
	}

	/**
	 * A peer left the registry.
	 *
	 * @param sequence the registry version after the change
	 * @param peer the record as it was
	 * @param reason why it left
	 */
	record Left(long sequence, Peer peer, Reason reason) implements PeerEvent {
	}

	/** Why a peer left. */
	enum Reason {

		/** It called {@code DELETE /peers/{peerId}}. */
		DELETED,

		/** Its lease ran out. */
		EXPIRED;

		/**
		 * The name used on the wire.
		 * @return {@code deleted} or {@code expired}
		 */
		public String wireName() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

	}

}
