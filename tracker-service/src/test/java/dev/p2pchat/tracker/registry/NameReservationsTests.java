package dev.p2pchat.tracker.registry;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NameReservationsTests {

	private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

	private final NameReservations reservations = new NameReservations(Duration.ofMinutes(10), 3);

	@Test
	void reserveWhenFullGivesUpTheOldestFirst() {
		for (int i = 0; i < 4; i++) {
			this.reservations.reserve("name" + i, "peer" + i, T0.plusSeconds(i));
		}

		assertThat(this.reservations.size()).isEqualTo(3);
		assertThat(this.reservations.holder("name0")).isNull();
		assertThat(this.reservations.heldByOther("name0", "other", T0.plusSeconds(5))).isFalse();
		assertThat(this.reservations.heldByOther("name3", "other", T0.plusSeconds(5))).isTrue();
	}

	@Test
	void reserveWhenKeyReservesAgainKeepsOnlyItsLatestName() {
		this.reservations.reserve("bob", "p1", T0);

		this.reservations.reserve("robert", "p1", T0.plusSeconds(1));

		assertThat(this.reservations.size()).isEqualTo(1);
		assertThat(this.reservations.holder("bob")).isNull();
		assertThat(this.reservations.holder("robert")).isEqualTo("p1");
	}

	@Test
	void expireWhenPeriodOverDropsEndedReservationsOnly() {
		this.reservations.reserve("a", "p1", T0);
		this.reservations.reserve("b", "p2", T0.plusSeconds(30));

		this.reservations.expire(T0.plus(Duration.ofMinutes(10)));

		assertThat(this.reservations.holder("a")).isNull();
		assertThat(this.reservations.holder("b")).isEqualTo("p2");
	}

	@Test
	void reserveWhenPeriodZeroKeepsNothing() {
		var none = new NameReservations(Duration.ZERO, 3);

		none.reserve("bob", "p1", T0);

		assertThat(none.size()).isZero();
	}

}
