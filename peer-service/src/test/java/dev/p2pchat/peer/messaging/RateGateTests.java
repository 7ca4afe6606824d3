package dev.p2pchat.peer.messaging;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.p2pchat.peer.TestClock;

import static org.assertj.core.api.Assertions.assertThat;

class RateGateTests {

	private final TestClock clock = new TestClock(Instant.parse("2026-12-02T01:00:00Z"));

	private final RateGate gate = new RateGate(Duration.ofSeconds(2), this.clock);

	@Test
	void passWhenCalledAgainWithinTheIntervalDropsIt() {
		assertThat(this.gate.pass("bob")).isTrue();

		this.clock.advance(Duration.ofMillis(1999));

		assertThat(this.gate.pass("bob")).isFalse();
	}

	@Test
	void passWhenTheIntervalHasElapsedLetsTheNextOneThrough() {
		this.gate.pass("bob");
		this.clock.advance(Duration.ofMillis(1500));
		this.gate.pass("bob");

		this.clock.advance(Duration.ofMillis(500));

		assertThat(this.gate.pass("bob")).isTrue();
		assertThat(this.gate.pass("bob")).isFalse();
	}

	@Test
	void passWhenAnotherKeyIsLimitedIsNotAffected() {
		this.gate.pass("bob");

		assertThat(this.gate.pass("carol")).isTrue();
	}

	@Test
	void passWhenTheClockWentBackLetsItThrough() {
		this.gate.pass("bob");

		this.clock.advance(Duration.ofSeconds(-30));

		assertThat(this.gate.pass("bob")).isTrue();
	}

}
