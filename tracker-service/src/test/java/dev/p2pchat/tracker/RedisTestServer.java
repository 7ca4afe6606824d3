package dev.p2pchat.tracker;

import java.time.Duration;
import java.util.UUID;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import org.testcontainers.containers.GenericContainer;

/**
 * One {@code redis:7} container for the whole test run (Testcontainers), started on first
 * use and stopped when the JVM exits (Ryuk may be disabled). Tests keep apart by key
 * prefix, see {@link #newPrefix()}.
 */
public final class RedisTestServer {

	private static GenericContainer<?> container;

	private RedisTestServer() {
	}

	/** The {@code redis://host:port} of the shared container, starting it if needed. */
	public static synchronized String url() {
		if (container == null) {
			GenericContainer<?> redis = new GenericContainer<>("redis:7").withExposedPorts(6379);
			redis.start();
			Runtime.getRuntime().addShutdownHook(new Thread(redis::stop, "redis-test-server-stop"));
			container = redis;
		}
		return "redis://" + container.getHost() + ":" + container.getMappedPort(6379);
	}

	/** A fresh key prefix: a directory of its own in the shared Redis. */
	public static String newPrefix() {
		return "test:" + UUID.randomUUID() + ":";
	}

	/**
	 * A client with the tracker's options: fail fast when disconnected, short timeout.
	 */
	public static RedisClient client() {
		RedisClient client = RedisClient.create(RedisURI.create(url()));
		client.setOptions(ClientOptions.builder()
			.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
			.timeoutOptions(TimeoutOptions.enabled(Duration.ofSeconds(2)))
			.build());
		return client;
	}

}
