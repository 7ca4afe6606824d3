package dev.p2pchat.peer.store;

import java.nio.ByteBuffer;

/**
 * Receives the records of a journal as it is opened, oldest first. A record it cannot
 * read (it throws a {@link RuntimeException}) ends the file it came from, like damage.
 */
@FunctionalInterface
public interface Replay {

	/** One record's payload, read-only, valid only during the call. */
	void accept(ByteBuffer payload);

}
