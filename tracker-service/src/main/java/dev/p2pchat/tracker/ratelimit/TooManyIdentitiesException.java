package dev.p2pchat.tracker.ratelimit;

import java.time.Duration;

/**
 * A client address, or its network, registered its allowance of new identities in the
 * current window: 429 with {@code Retry-After}.
 */
public final class TooManyIdentitiesException extends RuntimeException {

	private final Duration retryAfter;

	/**
	 * @param retryAfter how long until the window ends
	 * @param message what happened, for the problem's detail
	 */
	public TooManyIdentitiesException(Duration retryAfter, String message) {
		super(message);
		this.retryAfter = retryAfter;
	}

	/**
	 * How long until the window ends and new identities may register again.
	 * @return the wait, never negative
	 */
	public Duration retryAfter() {
		return this.retryAfter;
	}

	static TooManyIdentitiesException fromAddress(Duration retryAfter) {
		return new TooManyIdentitiesException(retryAfter,
				"too many new identities from this address; a peer that keeps its data directory keeps its identity");
	}

	static TooManyIdentitiesException fromNetwork(Duration retryAfter) {
		return new TooManyIdentitiesException(retryAfter, "too many new identities from this network");
	}

}
