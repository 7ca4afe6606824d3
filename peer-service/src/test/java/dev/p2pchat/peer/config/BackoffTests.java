package dev.p2pchat.peer.config;

import java.time.Duration;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BackoffTests {

	private final Backoff backoff = new Backoff(
			new PeerProperties.Backoff(Duration.ofMillis(200), Duration.ofSeconds(5)), new Random(42));

	@Test
	void delayWhenAttemptsGrowDoublesWithJitterUpToTheCap() {
		for (int attempt = 0; attempt < 40; attempt++) {
			long base = Math.min(200L << Math.min(attempt, 20), 5000);

			Duration delay = this.backoff.delay(attempt);

			assertThat(delay.toMillis()).isBetween(base / 2, base);
		}
	}

	@Test
	void delayWhenRepeatedVaries() {
		var delays = new java.util.HashSet<Duration>();
		for (int i = 0; i < 20; i++) {
			delays.add(this.backoff.delay(3));
		}

		assertThat(delays).hasSizeGreaterThan(1);
	}

	@Test
	void boundsWhenMaxBelowMinAreRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new PeerProperties.Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
	}

}
