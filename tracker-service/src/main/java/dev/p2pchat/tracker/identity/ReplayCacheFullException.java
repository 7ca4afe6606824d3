package dev.p2pchat.tracker.identity;

import java.time.Duration;

/**
 * The replay cache is full of unexpired entries: registrations are refused (503) until
 * the oldest entry expires.
 */
public class ReplayCacheFullException extends RuntimeException {

	private final Duration retryAfter;

	public ReplayCacheFullException(Duration retryAfter) {
		super("the tracker is taking too many registrations; try again later");
		this.retryAfter = retryAfter;
	}

	/**
	 * When the oldest entry expires.
	 * @return the wait, at least zero
	 */
	public Duration retryAfter() {
		return this.retryAfter;
	}

}
