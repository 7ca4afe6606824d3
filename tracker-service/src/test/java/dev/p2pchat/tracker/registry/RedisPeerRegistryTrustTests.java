package dev.p2pchat.tracker.registry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.p2pchat.tracker.MutableClock;
import dev.p2pchat.tracker.RedisTestServer;
import io.lettuce.core.RedisClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

import static org.awaitility.Awaitility.await;

/**
 * The trust rules of the registry contract (key binding, the bound on live peers,
 * {@code holdsLiveLease}) against {@link RedisPeerRegistry} on a real Redis.
 */
class RedisPeerRegistryTrustTests extends PeerRegistryTrustContract {

	private static RedisClient client;

	private final List<RedisPeerRegistry> opened = new ArrayList<>();

	@BeforeAll
	static void connect() {
		client = RedisTestServer.client();
	}

	@AfterAll
	static void disconnect() {
		client.shutdown();
	}

	@AfterEach
	void close() {
		this.opened.forEach(RedisPeerRegistry::close);
	}

	@Override
	protected PeerRegistry create(MutableClock clock, Duration lease, int maxPeers) {
		RedisPeerRegistry registry = new RedisPeerRegistry(clock, lease, client, RedisTestServer.newPrefix(), maxPeers);
		this.opened.add(registry);
		await().atMost(Duration.ofSeconds(30)).until(registry::following);
		return registry;
	}

}
