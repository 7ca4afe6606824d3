package dev.p2pchat.tracker.registry;

import java.time.Duration;

import dev.p2pchat.tracker.MutableClock;
import dev.p2pchat.tracker.RedisTestServer;
import io.lettuce.core.RedisClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The name reservation contract against {@link RedisPeerRegistry} on a real Redis
 * (Testcontainers {@code redis:7}): every test gets a key prefix of its own, and its
 * second replica is another registry on the same keys.
 */
class RedisNameReservationTests extends NameReservationContract {

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
	PeerRegistry newRegistry(MutableClock clock, Duration reservation) {
		this.prefix = RedisTestServer.newPrefix();
		return new RedisPeerRegistry(clock, LEASE, client, this.prefix, 10_000, reservation);
	}

	@Override
	PeerRegistry secondReplica(MutableClock clock) {
		return new RedisPeerRegistry(clock, LEASE, client, this.prefix, 10_000, RESERVATION);
	}

	@Override
	void close(PeerRegistry registry) {
		((RedisPeerRegistry) registry).close();
	}

}
