package dev.p2pchat.tracker.ratelimit;

/**
 * Limits registrations per client address: at most a configured number per period, the
 * rest refused at once (no waiting) with the time until the next one may pass.
 *
 * <p>
 * Implementations are thread-safe. A client address counts as given by the servlet
 * container; {@link ClientAddresses#key(String)} says which addresses share an allowance
 * (an IPv6 /64).
 */
public interface RegistrationRateLimiter {

	/**
	 * Takes one registration from a client's allowance.
	 * @param remoteAddress the IP address of the client, as the servlet container gives
	 * it
	 * @throws RateLimitedException when the allowance is used up
	 * @throws dev.p2pchat.tracker.registry.StoreUnavailableException when the allowance
	 * lives in a shared store that cannot answer (the registration could not be stored
	 * either)
	 */
	void acquire(String remoteAddress);

}
