package dev.p2pchat.tracker.ratelimit;

import java.time.Duration;

/**
 * A client used up its allowance of registrations: 429 with {@code Retry-After}.
 */
public final class RateLimitedException extends RuntimeException {

	private final Duration retryAfter;

	/**
	 * Creates the refusal.
	 * @param retryAfter how long until the next registration may pass
	 * @param message what happened, for the problem's detail
	 */
	public RateLimitedException(Duration retryAfter, String message) {
		super(message);
		this.retryAfter = retryAfter;
	}

	/**
	 * How long until the next registration may pass.
	 * @return the wait, never negative
	 */
	public Duration retryAfter() {
		return this.retryAfter;
	}

}
