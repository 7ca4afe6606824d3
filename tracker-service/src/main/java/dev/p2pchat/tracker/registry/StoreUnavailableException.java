package dev.p2pchat.tracker.registry;

import org.jspecify.annotations.Nullable;

/**
 * The shared store behind the registry cannot be reached or did not answer in time; the
 * request may be retried (on this or another replica) shortly.
 */
public class StoreUnavailableException extends RuntimeException {

	public StoreUnavailableException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
