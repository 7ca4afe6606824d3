package dev.p2pchat.peer.mesh;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.p2pchat.peer.TestClock;

import static org.assertj.core.api.Assertions.assertThat;

class RepeatedWarningsTests {

	private final TestClock clock = new TestClock(Instant.parse("2026-12-07T12:00:00Z"));

	private final RepeatedWarnings warnings = new RepeatedWarnings(this.clock, Duration.ofMinutes(1), 3);

	@Test
	void admitWhenRepeatedWithinThePeriodLogsTheFirstOnly() {
		assertThat(this.warnings.admit("mallory", "text-length")).isZero();

		for (int i = 0; i < 1000; i++) {
			assertThat(this.warnings.admit("mallory", "text-length")).isEqualTo(RepeatedWarnings.SUPPRESS);
		}
	}

	@Test
	void admitWhenThePeriodPassedLogsOneSayingHowManyWereLeftOut() {
		this.warnings.admit("mallory", "text-length");
		this.warnings.admit("mallory", "text-length");
		this.warnings.admit("mallory", "text-length");

		this.clock.advance(Duration.ofMinutes(1));

		assertThat(this.warnings.admit("mallory", "text-length")).isEqualTo(2);
		assertThat(this.warnings.admit("mallory", "text-length")).isEqualTo(RepeatedWarnings.SUPPRESS);
	}

	@Test
	void admitWhenAnotherPeerOrReasonLogsItsOwnFirst() {
		this.warnings.admit("mallory", "text-length");

		assertThat(this.warnings.admit("mallory", "sent-at")).isZero();
		assertThat(this.warnings.admit("eve", "text-length")).isZero();
	}

	@Test
	void admitWhenKeysAreAtTheirBoundSharesOneForTheRest() {
		this.warnings.admit("a", "r");
		this.warnings.admit("b", "r");
		this.warnings.admit("c", "r");

		assertThat(this.warnings.admit("d", "r")).isZero();
		assertThat(this.warnings.admit("e", "r")).isEqualTo(RepeatedWarnings.SUPPRESS);
	}

	@Test
	void sweepWhenKeysAreQuietForgetsThem() {
		this.warnings.admit("a", "r");
		this.clock.advance(Duration.ofMinutes(2));

		this.warnings.sweep();

		assertThat(this.warnings.admit("a", "r")).isZero();
	}

}
