package dev.p2pchat.tracker.ratelimit;

import java.time.Duration;

import dev.p2pchat.tracker.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InMemoryRegistrationRateLimiterTests {

	private final MutableClock clock = MutableClock.startingAt("2026-01-01T00:00:00Z");

	@Test
	void acquireWhenBurstUsedUpRefusesWithRetryAfterAndOtherAddressesStillPass() {
		var limiter = new InMemoryRegistrationRateLimiter(3, Duration.ofMinutes(1), 100, this.clock);
		for (int i = 0; i < 3; i++) {
			limiter.acquire("10.0.0.1");
		}

		assertThatThrownBy(() -> limiter.acquire("10.0.0.1")).isInstanceOfSatisfying(RateLimitedException.class,
				(ex) -> assertThat(ex.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(1)));
		assertThatNoException().isThrownBy(() -> limiter.acquire("10.0.0.2"));
	}

	@Test
	void acquireCountsAnIpv6ClientByItsSlash64() {
		var limiter = new InMemoryRegistrationRateLimiter(2, Duration.ofMinutes(1), 100, this.clock);
		limiter.acquire("2001:db8:1:2::1");
		limiter.acquire("2001:db8:1:2:ffff::9");

		assertThatThrownBy(() -> limiter.acquire("2001:db8:1:2:abcd::1")).isInstanceOf(RateLimitedException.class);
		assertThatNoException().isThrownBy(() -> limiter.acquire("2001:db8:1:3::1"));
	}

	@Test
	void acquireWhenTableFullDropsIdleLimitersAndRefusesNewAddressesWhileAllAreBusy() {
		var limiter = new InMemoryRegistrationRateLimiter(5, Duration.ofSeconds(2), 2, this.clock);
		limiter.acquire("10.0.0.1");
		limiter.acquire("10.0.0.2");

		assertThatThrownBy(() -> limiter.acquire("10.0.0.3")).isInstanceOf(RateLimitedException.class);
		assertThat(limiter.trackedClients()).isEqualTo(2);

		this.clock.advance(Duration.ofSeconds(2));
		limiter.acquire("10.0.0.3");
		assertThat(limiter.trackedClients()).isLessThanOrEqualTo(2);
	}

}
