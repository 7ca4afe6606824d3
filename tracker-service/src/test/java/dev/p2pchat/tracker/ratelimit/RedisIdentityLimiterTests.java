package dev.p2pchat.tracker.ratelimit;

import java.time.Duration;

import dev.p2pchat.tracker.RedisTestServer;
import io.lettuce.core.RedisClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The shared Sybil limit on a real Redis (Testcontainers {@code redis:7}): two limiters,
 * each with a client of its own, stand for two tracker replicas on one key prefix.
 */
class RedisIdentityLimiterTests {

	private static final Duration PERIOD = Duration.ofMinutes(10);

	private static RedisClient clientA;

	private static RedisClient clientB;

	private final String prefix = RedisTestServer.newPrefix();

	private RedisIdentityLimiter replicaA;

	private RedisIdentityLimiter replicaB;

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
	void admitWhenAddressIdentitiesSplitAcrossReplicasRefusesANewOneOnEither() {
		replicas(3, 100, PERIOD);
		for (int i = 0; i < 3; i++) {
			((i % 2 == 0) ? this.replicaA : this.replicaB).admit("10.0.0.1", "id" + i);
		}

		assertThatThrownBy(() -> this.replicaA.admit("10.0.0.1", "id3"))
			.isInstanceOfSatisfying(TooManyIdentitiesException.class,
					(ex) -> assertThat(ex.retryAfter()).isPositive().isLessThanOrEqualTo(PERIOD))
			.hasMessageContaining("address");
		assertThatThrownBy(() -> this.replicaB.admit("10.0.0.1", "id3")).isInstanceOf(TooManyIdentitiesException.class);
		assertThatNoException().isThrownBy(() -> this.replicaB.admit("10.0.0.1", "id1"));
		assertThatNoException().isThrownBy(() -> this.replicaB.admit("10.0.0.2", "id3"));
	}

	@Test
	void admitWhenNetworkIdentitiesFromManyAddressesRefusesBeyondItsLimit() {
		replicas(100, 4, PERIOD);
		for (int i = 0; i < 4; i++) {
			((i % 2 == 0) ? this.replicaA : this.replicaB).admit("192.0.2." + (i + 1), "id" + i);
		}

		assertThatThrownBy(() -> this.replicaA.admit("192.0.2.200", "id4"))
			.isInstanceOfSatisfying(TooManyIdentitiesException.class,
					(ex) -> assertThat(ex.retryAfter()).isPositive().isLessThanOrEqualTo(PERIOD))
			.hasMessageContaining("network");
		assertThatNoException().isThrownBy(() -> this.replicaB.admit("192.0.3.1", "id4"));
	}

	@Test
	void admitWhenWindowEndsLetsNewIdentitiesAgain() {
		replicas(1, 100, Duration.ofMillis(500));
		this.replicaA.admit("10.0.0.5", "first");
		assertThatThrownBy(() -> this.replicaB.admit("10.0.0.5", "second"))
			.isInstanceOf(TooManyIdentitiesException.class);

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThatNoException().isThrownBy(() -> this.replicaB.admit("10.0.0.5", "second")));
	}

	private void replicas(int perAddress, int perPrefix, Duration period) {
		NetworkPrefixes prefixes = new NetworkPrefixes(24, 48);
		this.replicaA = new RedisIdentityLimiter(clientA, this.prefix, perAddress, perPrefix, period, prefixes);
		this.replicaB = new RedisIdentityLimiter(clientB, this.prefix, perAddress, perPrefix, period, prefixes);
	}

}
