package dev.p2pchat.tracker.identity;

import java.time.Instant;

import dev.p2pchat.tracker.registry.RedisConnection;
import io.lettuce.core.RedisClient;
import io.lettuce.core.SetArgs;

/**
 * The replay cache of {@code p2pchat.tracker.store=redis}, shared by every replica: one
 * {@code SET <prefix>replay:<signature> 1 NX PXAT <expiry>} per registration, so a
 * signature accepted by one replica is refused by all, and Redis forgets it when it could
 * no longer be accepted anyway. Its bound is Redis's memory (an entry lives at most the
 * proof's time window); it never throws {@link ReplayCacheFullException}. Redis
 * unreachable: {@link dev.p2pchat.tracker.registry.StoreUnavailableException}.
 */
public final class RedisReplayCache implements ReplayCache, AutoCloseable {

	private final RedisConnection connection;

	private final String keyPrefix;

	/**
	 * Creates the cache; it connects on first use.
	 * @param client the Redis client
	 * @param keyPrefix the prefix of the tracker's keys
	 */
	public RedisReplayCache(RedisClient client, String keyPrefix) {
		this.connection = new RedisConnection(client);
		this.keyPrefix = keyPrefix + "replay:";
	}

	@Override
	public boolean firstUse(String signature, Instant expiresAt) {
		String reply = this.connection.call((redis) -> redis.set(this.keyPrefix + signature, "1",
				SetArgs.Builder.nx().pxAt(expiresAt.toEpochMilli())));
		return "OK".equals(reply);
	}

	@Override
	public void close() {
		this.connection.close();
	}

}
