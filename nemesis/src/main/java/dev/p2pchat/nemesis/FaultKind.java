package dev.p2pchat.nemesis;

/** The faults the nemesis picks from. */
public enum FaultKind {

	/** {@code kill -9} of a peer, restarted on the same data directory. */
	KILL,

	/** {@code SIGSTOP} of a peer for less than the lease, then {@code SIGCONT}. */
	PAUSE,

	/** {@code SIGSTOP} past the lease: the tracker drops the peer meanwhile. */
	PAUSE_PAST_LEASE,

	/** {@code kill -9} of the tracker, restarted empty. */
	TRACKER_KILL,

	/** The peers (and the tracker) split in two sides that cannot reach each other. */
	PARTITION,

	/** The bytes from one peer to another cut, the other way kept. */
	ONE_WAY_CUT,

	/** One peer cut from the tracker, its links kept. */
	TRACKER_CUT,

	/** Chunks on one peer's connections dropped, duplicated and reordered. */
	FRAME_FAULTS,

	/** Chunks on one peer's connections delayed with jitter, order kept. */
	JITTER,

	/** Everything sent to one peer throttled to a few KB/s. */
	SLOW_CONSUMER,

	/** Every connection to one peer reset at once. */
	RESET,

	/** The data volume of the tmpfs peer filled up, then freed. */
	DISK_FULL,

	/** One peer restarted with its clock stepped, then restarted with it back. */
	CLOCK_STEP

}
