package dev.p2pchat.tracker.ratelimit;

import java.time.Duration;

import dev.p2pchat.tracker.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InMemoryIdentityLimiterTests {

	private final MutableClock clock = MutableClock.startingAt("2026-01-01T00:00:00Z");

	private final InMemoryIdentityLimiter limiter = new InMemoryIdentityLimiter(3, 5, Duration.ofHours(1),
			new NetworkPrefixes(24, 48), 100, this.clock);

	@Test
	void admitWhenAddressUsedItsIdentitiesRefusesANewOneUntilTheWindowEnds() {
		for (int i = 0; i < 3; i++) {
			this.limiter.admit("198.51.100.1", "id" + i);
		}
		this.clock.advance(Duration.ofMinutes(20));

		assertThatThrownBy(() -> this.limiter.admit("198.51.100.1", "id3"))
			.isInstanceOfSatisfying(TooManyIdentitiesException.class,
					(ex) -> assertThat(ex.retryAfter()).isEqualTo(Duration.ofMinutes(40)))
			.hasMessageContaining("address");
		this.clock.advance(Duration.ofMinutes(40));
		assertThatCode(() -> this.limiter.admit("198.51.100.1", "id3")).doesNotThrowAnyException();
	}

	@Test
	void admitWhenKnownIdentityRegistersAgainDoesNotCountIt() {
		for (int i = 0; i < 3; i++) {
			this.limiter.admit("198.51.100.1", "id" + i);
		}

		for (int i = 0; i < 10; i++) {
			this.limiter.admit("198.51.100.1", "id" + (i % 3));
		}

		assertThatThrownBy(() -> this.limiter.admit("198.51.100.1", "id3"))
			.isInstanceOf(TooManyIdentitiesException.class);
	}

	@Test
	void admitWhenManyAddressesOfOneNetworkRefusesBeyondTheNetworkLimit() {
		for (int i = 0; i < 5; i++) {
			this.limiter.admit("198.51.100." + i, "id" + i);
		}

		assertThatThrownBy(() -> this.limiter.admit("198.51.100.99", "id-new"))
			.isInstanceOf(TooManyIdentitiesException.class)
			.hasMessageContaining("network");
		assertThatCode(() -> this.limiter.admit("198.51.101.1", "id-new")).doesNotThrowAnyException();
		assertThatCode(() -> this.limiter.admit("198.51.100.3", "id3")).doesNotThrowAnyException();
	}

	@Test
	void admitWhenRefusedByItsAddressCountsNothingForTheNetwork() {
		for (int i = 0; i < 3; i++) {
			this.limiter.admit("198.51.100.1", "id" + i);
		}
		assertThatThrownBy(() -> this.limiter.admit("198.51.100.1", "refused"))
			.isInstanceOf(TooManyIdentitiesException.class);

		assertThatCode(() -> this.limiter.admit("198.51.100.2", "id3")).doesNotThrowAnyException();
		assertThatCode(() -> this.limiter.admit("198.51.100.2", "id4")).doesNotThrowAnyException();
		assertThatThrownBy(() -> this.limiter.admit("198.51.100.2", "id5"))
			.isInstanceOf(TooManyIdentitiesException.class);
	}

	@Test
	void admitWhenIpv6AddressesShareASlash48CountsThemAsOneNetwork() {
		for (int i = 0; i < 5; i++) {
			this.limiter.admit("2001:db8:7:" + i + "::1", "id" + i);
		}

		assertThatThrownBy(() -> this.limiter.admit("2001:db8:7:ff::1", "id-new"))
			.isInstanceOf(TooManyIdentitiesException.class);
	}

	@Test
	void admitWhenMoreAddressesThanTrackedForgetsTheOldestWindows() {
		var small = new InMemoryIdentityLimiter(1, 1000, Duration.ofHours(1), new NetworkPrefixes(24, 48), 10,
				this.clock);

		for (int i = 0; i < 50; i++) {
			small.admit("10.0." + i + ".1", "id" + i);
		}

		assertThat(small.tracked()).isLessThanOrEqualTo(20);
	}

}
