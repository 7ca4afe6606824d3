package dev.p2pchat.tracker.registry;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import lombok.extern.slf4j.Slf4j;
import org.jspecify.annotations.Nullable;

/**
 * One lazily opened Redis connection (commands, not the event subscription) for the
 * registry, the replay cache and the rate limit: it connects on first use, and every
 * Lettuce failure becomes a {@link StoreUnavailableException}, which the web layer
 * answers with a 503.
 *
 * <p>
 * Thread-safe: Lettuce connections are shared by all threads. While one thread connects,
 * the others wait for it up to {@link #CONNECT_WAIT} (a burst of first requests is served
 * once the connection is up, not refused), then fail: nobody queues for longer.
 */
@Slf4j
public final class RedisConnection implements AutoCloseable {

	/** How long a caller waits for another thread's connect before it is refused. */
	static final Duration CONNECT_WAIT = Duration.ofSeconds(3);

	private final RedisClient client;

	private final ReentrantLock connecting = new ReentrantLock();

	private volatile @Nullable StatefulRedisConnection<String, String> connection;

	/**
	 * Creates the connection; nothing connects yet.
	 * @param client the Redis client (its options set the command timeout)
	 */
	public RedisConnection(RedisClient client) {
		this.client = client;
	}

	/**
	 * Runs commands on the connection.
	 * @param <T> the result type
	 * @param commands what to run
	 * @return their result
	 * @throws StoreUnavailableException when Redis cannot be reached or does not answer
	 * in time
	 */
	public <T> T call(Function<RedisCommands<String, String>, T> commands) {
		try {
			return commands.apply(commands());
		}
		catch (RedisException ex) {
			throw new StoreUnavailableException("redis: " + ex.getMessage(), ex);
		}
	}

	private RedisCommands<String, String> commands() {
		StatefulRedisConnection<String, String> open = this.connection;
		if (open != null) {
			return open.sync();
		}
		// one thread connects; the others wait for it, briefly
		if (!tryLock()) {
			throw new StoreUnavailableException("connecting to redis", null);
		}
		try {
			if (this.connection == null) {
				this.connection = this.client.connect(StringCodec.UTF8);
				log.info("connected to redis");
			}
			return this.connection.sync();
		}
		finally {
			this.connecting.unlock();
		}
	}

	private boolean tryLock() {
		try {
			return this.connecting.tryLock(CONNECT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
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
