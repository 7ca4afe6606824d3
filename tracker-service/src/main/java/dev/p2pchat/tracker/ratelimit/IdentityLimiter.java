package dev.p2pchat.tracker.ratelimit;

/**
 * Limits how many new identities (peerIds) one client address and one network prefix may
 * register per period: a Sybil limit for an open tracker. An identity counts once per
 * window wherever it comes back from the same place (a restarting peer is not new).
 *
 * <p>
 * Implementations are thread-safe. Addresses count by {@link ClientAddresses#key} (an
 * IPv6 /64), networks by {@link NetworkPrefixes}.
 */
public interface IdentityLimiter {

	/**
	 * Counts an identity registering from a client address, or refuses it.
	 * @param remoteAddress the IP address of the client, as the servlet container gives
	 * it
	 * @param peerId the verified peerId that registers
	 * @throws TooManyIdentitiesException when the address or its network already
	 * registered its allowance of other identities in the current window
	 * @throws dev.p2pchat.tracker.registry.StoreUnavailableException when the counts live
	 * in a shared store that cannot answer
	 */
	void admit(String remoteAddress, String peerId);

}
