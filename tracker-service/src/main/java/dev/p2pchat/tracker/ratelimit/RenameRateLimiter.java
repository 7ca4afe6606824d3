package dev.p2pchat.tracker.ratelimit;

import java.time.Clock;
import java.time.Duration;

/**
 * Renames ({@code PATCH /peers/{id}}) per client address: every rename is an event to
 * every subscriber and every peer, so a client renaming in a loop would flood them all.
 * Counted by each replica on its own (a rename is rarer than a registration).
 * Thread-safe.
 */
public final class RenameRateLimiter {

	private final InMemoryRegistrationRateLimiter limiter;

	/**
	 * Creates the limiter.
	 * @param renames how many renames one address may make per period
	 * @param period the period
	 * @param maxClients how many addresses are tracked at once
	 * @param clock the tracker's clock
	 */
	public RenameRateLimiter(int renames, Duration period, int maxClients, Clock clock) {
		this.limiter = new InMemoryRegistrationRateLimiter(renames, period, maxClients, clock, "renames");
	}

	/**
	 * Takes one rename from a client's allowance.
	 * @param remoteAddress the client's IP address
	 * @throws RateLimitedException when the allowance is used up
	 */
	public void acquire(String remoteAddress) {
		this.limiter.acquire(remoteAddress);
	}

}
