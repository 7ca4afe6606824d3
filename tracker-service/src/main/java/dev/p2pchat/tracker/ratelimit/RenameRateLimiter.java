package dev.p2pchat.tracker.ratelimit;

import java.time.Clock;
import java.time.Duration;

/**
 * Renames ({@code PATCH /peers/{id}}) per live lease (the peer that holds it): every
 * rename is an event to every subscriber and every peer, so a peer renaming in a loop
 * would flood them all. Only a caller with a live lease token spends an allowance, its
 * own. Counted by each replica on its own (a rename is rarer than a registration).
 * Thread-safe.
 */
public final class RenameRateLimiter {

	private final InMemoryRegistrationRateLimiter limiter;

	/**
	 * Creates the limiter.
	 * @param renames how many renames one lease may make per period
	 * @param period the period
	 * @param maxClients how many leases are tracked at once
	 * @param clock the tracker's clock
	 */
	public RenameRateLimiter(int renames, Duration period, int maxClients, Clock clock) {
		this.limiter = new InMemoryRegistrationRateLimiter(renames, period, maxClients, clock, "renames");
	}

	/**
	 * Takes one rename from a lease's allowance.
	 * @param leaseToken the live lease token the rename came with
	 * @throws RateLimitedException when the allowance is used up
	 */
	public void acquire(String leaseToken) {
		this.limiter.acquire(leaseToken);
	}

}
