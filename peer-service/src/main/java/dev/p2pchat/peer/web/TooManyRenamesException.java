package dev.p2pchat.peer.web;

import java.time.Duration;

/** The owner renamed too often in a short time: answered 429 with Retry-After. */
class TooManyRenamesException extends RuntimeException {

	private final Duration retryAfter;

	TooManyRenamesException(int perMinute, Duration retryAfter) {
		super("at most " + perMinute + " renames a minute; try again later");
		this.retryAfter = retryAfter;
	}

	/** Whole seconds until the next rename may pass, at least one. */
	long retryAfterSeconds() {
		return Math.max(1, (this.retryAfter.toMillis() + 999) / 1000);
	}

}
