package dev.p2pchat.peer.mesh;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OutboxTests {

	private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");

	private static final Duration NO_WAIT = Duration.ZERO;

	private final Outbox outbox = new Outbox(3);

	@Test
	void offerWhenFullIsRefused() {
		assertThat(this.outbox.offer("a", "t1", T0)).isTrue();
		assertThat(this.outbox.offer("b", "t2", T0)).isTrue();
		assertThat(this.outbox.offer("c", "t3", T0)).isTrue();

		assertThat(this.outbox.offer("d", "t4", T0)).isFalse();
		assertThat(this.outbox.depth()).isEqualTo(3);
	}

	@Test
	void awaitWhenSeveralQueuedTakesThemInOneBatchInOrder() throws InterruptedException {
		this.outbox.offer("a", "t1", T0);
		this.outbox.offer("b", "t2", T0);
		int generation = this.outbox.attach();

		Outbox.Work work = this.outbox.await(generation, 1000, NO_WAIT);

		assertThat(work.entries()).extracting(Outbox.Entry::seq).containsExactly(1L, 2L);
		assertThat(work.ack()).isZero();
		assertThat(this.outbox.await(generation, 1000, NO_WAIT).entries()).isEmpty();
	}

	@Test
	void awaitWhenBatchSizeReachedLeavesTheRestForTheNextFrame() throws InterruptedException {
		this.outbox.offer("aaaa", "t1", T0);
		this.outbox.offer("bbbb", "t2", T0);
		this.outbox.offer("cccc", "t3", T0);
		int generation = this.outbox.attach();

		Outbox.Work first = this.outbox.await(generation, 8, NO_WAIT);
		Outbox.Work second = this.outbox.await(generation, 8, NO_WAIT);

		assertThat(first.entries()).extracting(Outbox.Entry::json).containsExactly("aaaa", "bbbb");
		assertThat(second.entries()).extracting(Outbox.Entry::json).containsExactly("cccc");
	}

	@Test
	void attachWhenLinkReplacedResendsEverythingUnacknowledged() throws InterruptedException {
		this.outbox.offer("a", "t1", T0);
		this.outbox.offer("b", "t2", T0);
		this.outbox.offer("c", "t3", T0);
		int first = this.outbox.attach();
		this.outbox.await(first, 1000, NO_WAIT);
		this.outbox.acknowledge(1);

		int second = this.outbox.attach();

		assertThat(this.outbox.await(first, 1000, NO_WAIT)).isNull();
		assertThat(this.outbox.await(second, 1000, NO_WAIT).entries()).extracting(Outbox.Entry::seq)
			.containsExactly(2L, 3L);
	}

	@Test
	void acknowledgeWhenCumulativeRemovesEverythingUpToIt() {
		this.outbox.offer("a", "t1", T0);
		this.outbox.offer("b", "t2", T0);
		this.outbox.offer("c", "t3", T0);

		var acknowledged = this.outbox.acknowledge(2);

		assertThat(acknowledged).extracting(Outbox.Entry::ticket).containsExactly("t1", "t2");
		assertThat(this.outbox.depth()).isEqualTo(1);
	}

	@Test
	void expireWhenOlderThanCutoffRemovesOnlyThose() {
		this.outbox.offer("a", "old", T0);
		this.outbox.offer("b", "new", T0.plusSeconds(10));

		var expired = this.outbox.expire(T0.plusSeconds(5));

		assertThat(expired).extracting(Outbox.Entry::ticket).containsExactly("old");
		assertThat(this.outbox.depth()).isEqualTo(1);
	}

	@Test
	void awaitWhenAckRequestedReturnsItOnce() throws InterruptedException {
		int generation = this.outbox.attach();

		this.outbox.requestAck(7);

		assertThat(this.outbox.await(generation, 1000, NO_WAIT).ack()).isEqualTo(7);
		assertThat(this.outbox.await(generation, 1000, NO_WAIT).ack()).isZero();
	}

	@Test
	void offerWhenRingWrapsAndGrowsKeepsOrder() throws InterruptedException {
		var big = new Outbox(100);
		int generation = big.attach();
		for (int i = 0; i < 42; i++) {
			big.offer("m" + i, i, T0);
			if (i % 3 == 0) {
				big.acknowledge(big.await(generation, 1000, NO_WAIT).entries().getLast().seq());
			}
		}
		for (int i = 42; i < 72; i++) {
			big.offer("m" + i, i, T0);
		}

		Outbox.Work rest = big.await(generation, 10_000, NO_WAIT);

		assertThat(rest.entries()).hasSize(32);
		assertThat(rest.entries().getFirst().json()).isEqualTo("m40");
		assertThat(rest.entries().getLast().json()).isEqualTo("m71");
		assertThat(rest.entries()).extracting(Outbox.Entry::seq).isSorted();
	}

}
