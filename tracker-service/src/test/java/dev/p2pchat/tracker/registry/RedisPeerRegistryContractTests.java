package dev.p2pchat.tracker.registry;

import java.time.Duration;

import dev.p2pchat.tracker.MutableClock;
import dev.p2pchat.tracker.RedisTestServer;
import io.lettuce.core.RedisClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import static org.awaitility.Awaitility.await;

/**
 * The registry contract against {@link RedisPeerRegistry} on a real Redis (Testcontainers
 * {@code redis:7}); every test gets a key prefix of its own, and its second replica is
 * another registry (own connections) on the same keys.
 */
class RedisPeerRegistryContractTests extends PeerRegistryContract {

	private static RedisClient client;

	private String prefix;

	@BeforeAll
	static void connect() {
		client = RedisTestServer.client();
	}

	@AfterAll
	static void disconnect() {
		client.shutdown();
	}

	@Override
	PeerRegistry newRegistry(MutableClock clock) {
		this.prefix = RedisTestServer.newPrefix();
		return following(new RedisPeerRegistry(clock, LEASE, client, this.prefix, 10_000));
	}

	@Override
	PeerRegistry secondReplica(MutableClock clock) {
		return following(new RedisPeerRegistry(clock, LEASE, client, this.prefix, 10_000));
	}

	@Override
	void close(PeerRegistry registry) {
		((RedisPeerRegistry) registry).close();
	}

	private static RedisPeerRegistry following(RedisPeerRegistry registry) {
		await().atMost(Duration.ofSeconds(30)).until(registry::following);
		return registry;
	}

}
