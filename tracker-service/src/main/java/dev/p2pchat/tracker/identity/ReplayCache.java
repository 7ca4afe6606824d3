package dev.p2pchat.tracker.identity;

import java.time.Instant;

/**
 * Remembers which registration signatures have been accepted, for as long as they could
 * otherwise be accepted again. A shared store for several tracker replicas implements
 * this same interface (an atomic "set if absent, with expiry").
 *
 * <p>
 * Implementations are thread-safe and bounded: when full they refuse with
 * {@link ReplayCacheFullException} rather than forget an entry that has not expired,
 * which would let its signature be replayed.
 */
public interface ReplayCache {

	/**
	 * Records a signature as used, atomically with the check.
	 * @param signature the signature's bytes in canonical text form
	 * @param expiresAt when the entry may be forgotten (the signature can no longer be
	 * accepted by then)
	 * @return {@code true} the first time a signature is seen, {@code false} when it was
	 * seen before
	 * @throws ReplayCacheFullException when the cache holds its maximum of unexpired
	 * entries
	 */
	boolean firstUse(String signature, Instant expiresAt);

}
