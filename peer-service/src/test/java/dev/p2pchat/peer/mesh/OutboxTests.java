package dev.p2pchat.peer.mesh;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.p2pchat.link.reliability.ReceiveWindow;

import static dev.p2pchat.peer.mesh.TestTicket.ticket;
import static dev.p2pchat.peer.mesh.TestMessages.message;
import static org.assertj.core.api.Assertions.assertThat;

class OutboxTests {

	private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");

	/** Never waits: no idle timeout, no linger, every acknowledgement due at once. */
	private static Outbox.Pacing atOnce(long maxChars) {
		return new Outbox.Pacing(maxChars, Duration.ZERO, Duration.ZERO, Duration.ZERO);
	}

	private final ReceiveWindow acks = new ReceiveWindow(Clock.systemUTC());

	private final Outbox outbox = new Outbox(3, this.acks);

	@Test
	void offerWhenFullIsRefused() {
		assertThat(this.outbox.offer(message("a"), ticket("t1"), T0)).isTrue();
		assertThat(this.outbox.offer(message("b"), ticket("t2"), T0)).isTrue();
		assertThat(this.outbox.offer(message("c"), ticket("t3"), T0)).isTrue();

		assertThat(this.outbox.offer(message("d"), ticket("t4"), T0)).isFalse();
		assertThat(this.outbox.depth()).isEqualTo(3);
	}

	@Test
	void awaitWhenSeveralQueuedTakesThemInOneBatchInOrder() throws InterruptedException {
		this.outbox.offer(message("a"), ticket("t1"), T0);
		this.outbox.offer(message("b"), ticket("t2"), T0);
		int generation = this.outbox.attach();

		Outbox.Work work = this.outbox.await(generation, atOnce(1000));

		assertThat(work.entries()).extracting(Outbox.Entry::seq).containsExactly(1L, 2L);
		assertThat(work.ack()).isZero();
		assertThat(this.outbox.await(generation, atOnce(1000)).entries()).isEmpty();
	}

	@Test
	void awaitWhenBatchSizeReachedLeavesTheRestForTheNextFrame() throws InterruptedException {
		this.outbox.offer(message("aaaa"), ticket("t1"), T0);
		this.outbox.offer(message("bbbb"), ticket("t2"), T0);
		this.outbox.offer(message("cccc"), ticket("t3"), T0);
		int generation = this.outbox.attach();

		Outbox.Work first = this.outbox.await(generation, atOnce(8));
		Outbox.Work second = this.outbox.await(generation, atOnce(8));

		assertThat(first.entries()).extracting(TestMessages::text).containsExactly("aaaa", "bbbb");
		assertThat(second.entries()).extracting(TestMessages::text).containsExactly("cccc");
	}

	@Test
	void attachWhenLinkReplacedResendsEverythingUnacknowledged() throws InterruptedException {
		this.outbox.offer(message("a"), ticket("t1"), T0);
		this.outbox.offer(message("b"), ticket("t2"), T0);
		this.outbox.offer(message("c"), ticket("t3"), T0);
		int first = this.outbox.attach();
		this.outbox.await(first, atOnce(1000));
		this.outbox.acknowledge(1);

		int second = this.outbox.attach();

		assertThat(this.outbox.await(first, atOnce(1000))).isNull();
		assertThat(this.outbox.await(second, atOnce(1000)).entries()).extracting(Outbox.Entry::seq)
			.containsExactly(2L, 3L);
	}

	@Test
	void acknowledgeWhenCumulativeRemovesEverythingUpToIt() {
		this.outbox.offer(message("a"), ticket("t1"), T0);
		this.outbox.offer(message("b"), ticket("t2"), T0);
		this.outbox.offer(message("c"), ticket("t3"), T0);

		var acknowledged = this.outbox.acknowledge(2);

		assertThat(acknowledged).extracting(Outbox.Entry::ticket).containsExactly(ticket("t1"), ticket("t2"));
		assertThat(this.outbox.depth()).isEqualTo(1);
	}

	@Test
	void expireWhenOlderThanCutoffRemovesOnlyThose() {
		this.outbox.offer(message("a"), ticket("old"), T0);
		this.outbox.offer(message("b"), ticket("new"), T0.plusSeconds(10));

		var expired = this.outbox.expire(T0.plusSeconds(5));

		assertThat(expired).extracting(Outbox.Entry::ticket).containsExactly(ticket("old"));
		assertThat(this.outbox.depth()).isEqualTo(1);
	}

	@Test
	void awaitWhenAckRequestedReturnsItOnce() throws InterruptedException {
		int generation = this.outbox.attach();

		owe(7);

		assertThat(this.outbox.await(generation, atOnce(1000)).ack()).isEqualTo(7);
		assertThat(this.outbox.await(generation, atOnce(1000)).ack()).isZero();
	}

	@Test
	void offerWhenRingWrapsAndGrowsKeepsOrder() throws InterruptedException {
		var big = new Outbox(100, this.acks);
		int generation = big.attach();
		for (int i = 0; i < 42; i++) {
			big.offer(message("m" + i), ticket(i), T0);
			if (i % 3 == 0) {
				big.acknowledge(big.await(generation, atOnce(1000)).entries().getLast().seq());
			}
		}
		for (int i = 42; i < 72; i++) {
			big.offer(message("m" + i), ticket(i), T0);
		}

		Outbox.Work rest = big.await(generation, atOnce(10_000));

		assertThat(rest.entries()).hasSize(32);
		assertThat(rest.entries().getFirst().message()).isEqualTo(message("m40"));
		assertThat(rest.entries().getLast().message()).isEqualTo(message("m71"));
		assertThat(rest.entries()).extracting(Outbox.Entry::seq).isSorted();
	}

	@Test
	void awaitWhenQuietSendsALoneMessageAtOnce() throws InterruptedException {
		int generation = this.outbox.attach();
		this.outbox.offer(message("a"), ticket("t1"), T0);

		// a linger of an hour would hang this test if a lone message waited for company
		Outbox.Work work = this.outbox.await(generation,
				new Outbox.Pacing(1000, Duration.ZERO, Duration.ofHours(1), Duration.ZERO));

		assertThat(work.entries()).extracting(TestMessages::text).containsExactly("a");
	}

	@Test
	void awaitWhenBusyLingersUntilTheBatchIsFull() throws Exception {
		var big = new Outbox(1000, this.acks);
		var lingering = new Outbox.Pacing(100_000, Duration.ZERO, Duration.ofHours(1), Duration.ZERO);
		int generation = big.attach();
		big.offer(message("first"), ticket(0), T0);
		big.await(generation, lingering);
		big.offer(message("m0"), ticket(0), T0);

		Thread producer = Thread.ofVirtual().start(() -> {
			for (int i = 1; i < Outbox.FULL_BATCH; i++) {
				big.offer(message("m" + i), ticket(i), T0);
			}
		});
		Outbox.Work work = big.await(generation, lingering);
		producer.join();

		// the sender just sent "first", so it waited for a full batch instead of sending
		// m0
		// alone
		assertThat(work.entries()).hasSize(Outbox.FULL_BATCH);
		assertThat(work.entries()).extracting(TestMessages::text).startsWith("m0", "m1");
	}

	@Test
	void awaitWhenLingerRunsOutSendsWhatIsThere() throws InterruptedException {
		var pacing = new Outbox.Pacing(1000, Duration.ZERO, Duration.ofMillis(1), Duration.ZERO);
		int generation = this.outbox.attach();
		this.outbox.offer(message("a"), ticket("t1"), T0);
		this.outbox.await(generation, pacing);
		this.outbox.offer(message("b"), ticket("t2"), T0);

		Outbox.Work work = this.outbox.await(generation, pacing);

		assertThat(work.entries()).extracting(TestMessages::text).containsExactly("b");
	}

	@Test
	void awaitWhenAcksComeFasterThanTheIntervalCoalescesThem() throws InterruptedException {
		var pacing = new Outbox.Pacing(1000, Duration.ZERO, Duration.ZERO, Duration.ofHours(1));
		int generation = this.outbox.attach();
		owe(3);
		assertThat(this.outbox.await(generation, pacing).ack()).isEqualTo(3);

		owe(5);
		owe(9);

		// the first acknowledgement went out at once; the next waits for the interval
		assertThat(this.outbox.await(generation, pacing).ack()).isZero();
		var now = new Outbox.Pacing(1000, Duration.ZERO, Duration.ZERO, Duration.ZERO);
		assertThat(this.outbox.await(generation, now).ack()).isEqualTo(9);
	}

	@Test
	void awaitWhenAckOwedWakesWhenItIsDue() throws InterruptedException {
		var pacing = new Outbox.Pacing(1000, Duration.ofHours(1), Duration.ZERO, Duration.ofMillis(20));
		int generation = this.outbox.attach();
		owe(1);
		this.outbox.await(generation, pacing);
		owe(2);

		// an idle timeout of an hour: only the acknowledgement's due time ends the wait
		assertThat(this.outbox.await(generation, pacing).ack()).isEqualTo(2);
	}

	@Test
	void awaitWhenGenerationEndsWhileLingeringReturnsNull() throws Exception {
		var lingering = new Outbox.Pacing(1000, Duration.ZERO, Duration.ofHours(1), Duration.ZERO);
		int generation = this.outbox.attach();
		this.outbox.offer(message("a"), ticket("t1"), T0);
		this.outbox.await(generation, lingering);
		this.outbox.offer(message("b"), ticket("t2"), T0);

		Thread detacher = Thread.ofVirtual().start(() -> {
			sleep(50);
			this.outbox.detach(generation);
		});
		Outbox.Work work = this.outbox.await(generation, lingering);
		detacher.join();

		assertThat(work).isNull();
	}

	/** What the receiving side does when a batch is kept: owes its sender an ack. */
	private void owe(long seq) {
		if (this.acks.owe(seq)) {
			this.outbox.ackOwed();
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
