package dev.p2pchat.peer.mesh;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InboundBudgetTests {

	private static final Instant T0 = Instant.parse("2026-12-07T12:00:00Z");

	private final InboundBudget budget = new InboundBudget(1000, 10, T0);

	@Test
	void chargeWhenWithinTheBurstAsksForNoWait() {
		assertThat(this.budget.charge(500, 5, T0)).isZero();
		assertThat(this.budget.charge(500, 5, T0)).isZero();
	}

	@Test
	void chargeWhenOverTheBytesAsksToWaitForTheDebtToRefill() {
		this.budget.charge(1000, 1, T0);

		assertThat(this.budget.charge(500, 1, T0)).isEqualTo(Duration.ofMillis(500));
	}

	@Test
	void chargeWhenOverTheMessagesAsksToWaitForTheDebtToRefill() {
		this.budget.charge(10, 10, T0);

		assertThat(this.budget.charge(10, 20, T0)).isEqualTo(Duration.ofSeconds(2));
	}

	@Test
	void chargeWhenTimePassedRefillsButNoMoreThanOneSecondsWorth() {
		this.budget.charge(1000, 10, T0);

		assertThat(this.budget.charge(1000, 10, T0.plusSeconds(1))).isZero();
		assertThat(this.budget.charge(1000, 1, T0.plusSeconds(60))).isZero();
		assertThat(this.budget.charge(100, 1, T0.plusSeconds(60))).isEqualTo(Duration.ofMillis(100));
	}

	@Test
	void chargeWhenAFrameHoldsNoMessagesCountsItAsOne() {
		for (int i = 0; i < 10; i++) {
			assertThat(this.budget.charge(1, 0, T0)).isZero();
		}

		assertThat(this.budget.charge(1, 0, T0)).isEqualTo(Duration.ofMillis(100));
	}

}
