package dev.p2pchat.peer.store;

import java.nio.ByteBuffer;

/**
 * Receives the records of a journal as it is opened, oldest first. A record it cannot
 * read (it throws a {@link RuntimeException}) is skipped and counted in the warning that
 * reports damage; the records after it are still handed on.
 */
@FunctionalInterface
public interface Replay {

	/** One record's payload, read-only, valid only during the call. */
	void accept(ByteBuffer payload);

}
