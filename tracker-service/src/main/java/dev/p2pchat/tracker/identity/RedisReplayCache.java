package dev.p2pchat.tracker.identity;

import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;

import dev.p2pchat.tracker.registry.StoreUnavailableException;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import org.jspecify.annotations.Nullable;

/**
 * The replay cache of {@code p2pchat.tracker.store=redis}, shared by every replica: one
 * {@code SET <prefix>replay:<signature> 1 NX PXAT <expiry>} per registration, so a
 * signature accepted by one replica is refused by all, and Redis forgets it when it could
 * no longer be accepted anyway. Its bound is Redis's memory (an entry lives at most the
 * proof's time window); it never throws {@link ReplayCacheFullException}.
 */
public final class RedisReplayCache implements ReplayCache, AutoCloseable {

	private final RedisClient client;

	private final String keyPrefix;

	private final ReentrantLock connecting = new ReentrantLock();

	private volatile @Nullable StatefulRedisConnection<String, String> connection;

	/**
	 * Creates the cache; it connects on first use.
	 * @param client the Redis client
	 * @param keyPrefix the prefix of the tracker's keys
	 */
	public RedisReplayCache(RedisClient client, String keyPrefix) {
		this.client = client;
		this.keyPrefix = keyPrefix + "replay:";
	}

	@Override
	public boolean firstUse(String signature, Instant expiresAt) {
		try {
			String reply = connection().sync()
				.set(this.keyPrefix + signature, "1", SetArgs.Builder.nx().pxAt(expiresAt.toEpochMilli()));
			return "OK".equals(reply);
		}
		catch (RedisException ex) {
			throw new StoreUnavailableException("redis: " + ex.getMessage(), ex);
		}
	}

	private StatefulRedisConnection<String, String> connection() {
		StatefulRedisConnection<String, String> open = this.connection;
		if (open != null) {
			return open;
		}
		if (!this.connecting.tryLock()) {
			throw new StoreUnavailableException("connecting to redis", null);
		}
		try {
			if (this.connection == null) {
				this.connection = this.client.connect(StringCodec.UTF8);
			}
			return this.connection;
		}
		finally {
			this.connecting.unlock();
		}
	}

	@Override
	public void close() {
		StatefulRedisConnection<String, String> open = this.connection;
		if (open != null) {
			open.close();
		}
	}

}
