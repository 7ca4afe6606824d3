package dev.p2pchat.tracker.ratelimit;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;

import dev.p2pchat.tracker.RedisTestServer;
import dev.p2pchat.tracker.registry.StoreUnavailableException;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The shared rate limit on a real Redis (Testcontainers {@code redis:7}): two limiters,
 * each with a client of its own, stand for two tracker replicas on one key prefix.
 */
class RedisRegistrationRateLimiterTests {

	private static final Duration PERIOD = Duration.ofMinutes(1);

	private static RedisClient clientA;

	private static RedisClient clientB;

	private final String prefix = RedisTestServer.newPrefix();

	private RedisRegistrationRateLimiter replicaA;

	private RedisRegistrationRateLimiter replicaB;

	@BeforeAll
	static void connect() {
		clientA = RedisTestServer.client();
		clientB = RedisTestServer.client();
	}

	@AfterAll
	static void disconnect() {
		clientA.shutdown();
		clientB.shutdown();
	}

	@AfterEach
	void close() {
		if (this.replicaA != null) {
			this.replicaA.close();
			this.replicaB.close();
		}
	}

	@Test
	void acquireWhenTenSplitAcrossTwoReplicasRefusesTheEleventhOnEitherWithRetryAfter() {
		replicas(10, PERIOD);
		for (int i = 0; i < 10; i++) {
			((i % 2 == 0) ? this.replicaA : this.replicaB).acquire("10.0.0.1");
		}

		assertThatThrownBy(() -> this.replicaA.acquire("10.0.0.1")).isInstanceOfSatisfying(RateLimitedException.class,
				(ex) -> assertThat(ex.retryAfter()).isPositive().isLessThanOrEqualTo(PERIOD));
		assertThatThrownBy(() -> this.replicaB.acquire("10.0.0.1")).isInstanceOf(RateLimitedException.class);
		assertThatNoException().isThrownBy(() -> this.replicaB.acquire("10.0.0.2"));
	}

	@Test
	void acquireCountsAnIpv6ClientByItsSlash64OnEveryReplica() {
		replicas(2, PERIOD);
		this.replicaA.acquire("2001:db8:1:2::1");
		this.replicaB.acquire("2001:db8:1:2:ffff::9");

		assertThatThrownBy(() -> this.replicaA.acquire("2001:db8:1:2:abcd::1"))
			.isInstanceOf(RateLimitedException.class);
		assertThatNoException().isThrownBy(() -> this.replicaB.acquire("2001:db8:1:3::1"));
	}

	@Test
	void acquireWhenTheWindowEndsLetsTheAddressRegisterAgain() {
		replicas(2, Duration.ofMillis(500));
		this.replicaA.acquire("10.0.0.1");
		this.replicaB.acquire("10.0.0.1");
		assertThatThrownBy(() -> this.replicaA.acquire("10.0.0.1")).isInstanceOfSatisfying(RateLimitedException.class,
				(ex) -> assertThat(ex.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofMillis(500)));

		await().atMost(Duration.ofSeconds(3))
			.pollInterval(Duration.ofMillis(100))
			.ignoreException(RateLimitedException.class)
			.untilAsserted(() -> this.replicaB.acquire("10.0.0.1"));
	}

	@Test
	void acquireWhenRedisForgotTheScriptSendsItAgain() {
		replicas(3, PERIOD);
		this.replicaA.acquire("10.0.0.1");

		try (StatefulRedisConnection<String, String> admin = clientA.connect()) {
			admin.sync().scriptFlush();
		}

		this.replicaA.acquire("10.0.0.1");
		this.replicaB.acquire("10.0.0.1");
		assertThatThrownBy(() -> this.replicaA.acquire("10.0.0.1")).isInstanceOf(RateLimitedException.class);
	}

	@Test
	void acquireWhenTheCounterHasNoExpiryGivesItOne() {
		replicas(10, PERIOD);
		try (StatefulRedisConnection<String, String> admin = clientA.connect()) {
			admin.sync().set(this.prefix + "ratelimit:10.0.0.1", "3");

			this.replicaA.acquire("10.0.0.1");

			assertThat(admin.sync().get(this.prefix + "ratelimit:10.0.0.1")).isEqualTo("4");
			assertThat(admin.sync().pttl(this.prefix + "ratelimit:10.0.0.1")).isPositive()
				.isLessThanOrEqualTo(PERIOD.toMillis());
		}
	}

	@Test
	void acquireWhenRedisIsUnreachableThrowsStoreUnavailableAtOnce() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		RedisClient unreachable = RedisClient.create(RedisURI.create("localhost", closedPort));
		unreachable.setOptions(ClientOptions.builder()
			.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
			.timeoutOptions(TimeoutOptions.enabled(Duration.ofSeconds(1)))
			.build());
		try (var limiter = new RedisRegistrationRateLimiter(unreachable, this.prefix, 10, PERIOD)) {
			long started = System.nanoTime();

			assertThatThrownBy(() -> limiter.acquire("10.0.0.1")).isInstanceOf(StoreUnavailableException.class);
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
		}
		finally {
			unreachable.shutdown();
		}
	}

	private void replicas(int registrations, Duration period) {
		this.replicaA = new RedisRegistrationRateLimiter(clientA, this.prefix, registrations, period);
		this.replicaB = new RedisRegistrationRateLimiter(clientB, this.prefix, registrations, period);
	}

}
