package dev.p2pchat.tracker.identity;

import java.time.Duration;
import java.time.Instant;

import dev.p2pchat.tracker.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InMemoryReplayCacheTests {

	private final MutableClock clock = MutableClock.startingAt("2026-01-01T00:00:00Z");

	private final InMemoryReplayCache cache = new InMemoryReplayCache(this.clock, 2);

	@Test
	void firstUseWhenSeenBeforeReturnsFalseUntilExpiry() {
		Instant expiry = this.clock.instant().plusSeconds(120);

		assertThat(this.cache.firstUse("a", expiry)).isTrue();
		assertThat(this.cache.firstUse("a", expiry)).isFalse();
		this.clock.advance(Duration.ofSeconds(120));
		assertThat(this.cache.firstUse("a", expiry.plusSeconds(120))).isTrue();
	}

	@Test
	void firstUseWhenFullRefusesRatherThanForgetAndSaysWhenToRetry() {
		this.cache.firstUse("a", this.clock.instant().plusSeconds(100));
		this.cache.firstUse("b", this.clock.instant().plusSeconds(120));

		assertThatThrownBy(() -> this.cache.firstUse("c", this.clock.instant().plusSeconds(120)))
			.isInstanceOfSatisfying(ReplayCacheFullException.class,
					(ex) -> assertThat(ex.retryAfter()).isEqualTo(Duration.ofSeconds(100)));
		assertThat(this.cache.firstUse("a", this.clock.instant().plusSeconds(120))).isFalse();
		assertThat(this.cache.firstUse("b", this.clock.instant().plusSeconds(120))).isFalse();

		this.clock.advance(Duration.ofSeconds(100));
		assertThat(this.cache.firstUse("c", this.clock.instant().plusSeconds(120))).isTrue();
		assertThat(this.cache.size()).isEqualTo(2);
	}

}
