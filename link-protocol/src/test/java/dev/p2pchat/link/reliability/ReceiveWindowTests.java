package dev.p2pchat.link.reliability;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReceiveWindowTests {

	private static final Duration INTERVAL = Duration.ofMillis(5);

	private final MovableClock clock = new MovableClock();

	private final ReceiveWindow window = new ReceiveWindow(this.clock);

	private final List<String> delivered = new ArrayList<>();

	@Test
	void acceptWhenBatchRepeatsDeliversEachSeqOnce() {
		this.window.open("e1");

		long first = this.window.accept("e1", 1, List.of("a", "b"), this.delivered::add);
		long again = this.window.accept("e1", 1, List.of("a", "b", "c"), this.delivered::add);

		assertThat(this.delivered).containsExactly("a", "b", "c");
		assertThat(first).isEqualTo(2);
		assertThat(again).isEqualTo(3);
	}

	@Test
	void acceptWhenSenderSkippedFailedMessagesDeliversTheRest() {
		this.window.open("e1");
		this.window.accept("e1", 1, List.of("a"), this.delivered::add);

		this.window.accept("e1", 5, List.of("e"), this.delivered::add);

		assertThat(this.delivered).containsExactly("a", "e");
	}

	@Test
	void openWhenSenderRestartedWithNewEpochCountsAgainAndIgnoresTheOldOne() {
		this.window.open("e1");
		this.window.accept("e1", 1, List.of("a", "b"), this.delivered::add);

		this.window.open("e2");
		this.window.accept("e2", 1, List.of("x"), this.delivered::add);
		long stale = this.window.accept("e1", 3, List.of("c"), this.delivered::add);

		assertThat(this.delivered).containsExactly("a", "b", "x");
		assertThat(stale).isZero();
	}

	@Test
	void takeAckWhenAcksComeFasterThanTheIntervalCoalescesThem() {
		assertThat(this.window.owe(3)).isTrue();
		assertThat(this.window.takeAck(INTERVAL)).isEqualTo(3);

		assertThat(this.window.owe(5)).isTrue();
		assertThat(this.window.owe(9)).isFalse();

		// the first acknowledgement went out at once; the next waits for the interval
		assertThat(this.window.takeAck(INTERVAL)).isZero();
		assertThat(this.window.ackDueIn(INTERVAL)).isEqualTo(INTERVAL);
		this.clock.advance(Duration.ofMillis(2));
		assertThat(this.window.ackDueIn(INTERVAL)).isEqualTo(Duration.ofMillis(3));
		this.clock.advance(Duration.ofMillis(3));
		assertThat(this.window.ackDueIn(INTERVAL)).isZero();
		assertThat(this.window.takeAck(INTERVAL)).isEqualTo(9);
		assertThat(this.window.ackDueIn(INTERVAL)).isNull();
		assertThat(this.window.takeAck(Duration.ZERO)).isZero();
	}

	@Test
	void openWhenANewLinkStartsDropsTheAckOwedOnTheOldOne() {
		this.window.open("e1");
		this.window.accept("e1", 1, List.of("a"), this.delivered::add);
		this.window.owe(1);

		this.window.open("e2");

		assertThat(this.window.takeAck(Duration.ZERO)).isZero();
	}

	private static final class MovableClock extends Clock {

		private Instant now = Instant.parse("2026-11-25T12:00:00Z");

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
