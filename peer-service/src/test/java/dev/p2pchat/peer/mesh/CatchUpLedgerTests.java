package dev.p2pchat.peer.mesh;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.p2pchat.peer.TestClock;

import static org.assertj.core.api.Assertions.assertThat;

class CatchUpLedgerTests {

	private final TestClock clock = new TestClock(Instant.parse("2026-12-07T12:00:00Z"));

	private final CatchUpLedger ledger = new CatchUpLedger(this.clock, Duration.ofSeconds(60));

	private final long offer = CatchUpLedger.fingerprint(List.of("{\"id\":1}", "{\"id\":2}"));

	@Test
	void serveWhenAskedTheSameAgainWithinTheIntervalServesNothing() {
		assertThat(this.ledger.serve("mallory", null, this.offer)).isTrue();

		this.clock.advance(Duration.ofSeconds(59));

		assertThat(this.ledger.serve("mallory", null, this.offer)).isFalse();
	}

	@Test
	void serveWhenTheIntervalPassedServesAgain() {
		this.ledger.serve("bob", null, this.offer);

		this.clock.advance(Duration.ofSeconds(60));

		assertThat(this.ledger.serve("bob", null, this.offer)).isTrue();
	}

	@Test
	void serveWhenThePeerAsksAfterAnotherMessageServesAtOnce() {
		this.ledger.serve("bob", null, this.offer);

		assertThat(this.ledger.serve("bob", UUID.randomUUID(), this.offer)).isTrue();
	}

	@Test
	void serveWhenTheOfferChangedServesAtOnce() {
		this.ledger.serve("bob", null, this.offer);

		assertThat(this.ledger.serve("bob", null, CatchUpLedger.fingerprint(List.of("{\"id\":3}")))).isTrue();
	}

	@Test
	void serveWhenAnotherPeerAsksServesIt() {
		this.ledger.serve("bob", null, this.offer);

		assertThat(this.ledger.serve("carol", null, this.offer)).isTrue();
	}

	@Test
	void serveWhenAPeerAlternatesWhatItAsksServesItAtMostThreeTimesPerInterval() {
		UUID other = UUID.randomUUID();
		int served = 0;

		for (int i = 0; i < 20; i++) {
			served += this.ledger.serve("mallory", (i % 2 == 0) ? null : other, this.offer) ? 1 : 0;
		}

		assertThat(served).isEqualTo(CatchUpLedger.MAX_PER_INTERVAL);
		this.clock.advance(Duration.ofSeconds(60));
		assertThat(this.ledger.serve("mallory", null, this.offer)).isTrue();
	}

}
