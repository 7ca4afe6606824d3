package dev.p2pchat.peer.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import dev.p2pchat.peer.mesh.DeliveryTicket;

import static org.assertj.core.api.Assertions.assertThat;

class ReceiptsTests {

	private final ChatEvents events = new ChatEvents();

	private final List<ChatEvent> published = new CopyOnWriteArrayList<>();

	private final MockClock clock = new MockClock();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry(SimpleConfig.DEFAULT, this.clock);

	private final Counter failed = this.meters.counter("failed");

	private final Timer delivery = this.meters.timer("delivery");

	private final Receipts receipts = new Receipts(this.events, new MessageLog(10), this.failed, this.delivery,
			this.clock);

	private final LoggedMessage logged = new LoggedMessage(
			new ChatMessage(UUID.randomUUID(), "alice-id", "alice", null, null, "hi", Instant.EPOCH),
			List.of("bob-id", "carol-id"), List.of("bob", "carol"));

	ReceiptsTests() {
		this.events.subscribe(this.published::add);
	}

	@Test
	void ticketWhenEachRecipientReportsSettlesEachStateOnceAndPublishesReceipts() {
		DeliveryTicket ticket = this.receipts.ticketFor(this.logged);

		this.clock.add(Duration.ofMillis(3));
		ticket.delivered("bob-id");
		ticket.failed("carol-id", "not acknowledged in time");
		ticket.delivered("carol-id");

		assertThat(this.logged.recipients()).extracting(Recipient::state)
			.containsExactly(DeliveryState.DELIVERED, DeliveryState.FAILED);
		assertThat(this.published).containsExactly(
				new ChatEvent.Receipt(this.logged.message().id(), "bob-id", "bob", DeliveryState.DELIVERED),
				new ChatEvent.Receipt(this.logged.message().id(), "carol-id", "carol", DeliveryState.FAILED));
		assertThat(this.failed.count()).isEqualTo(1);
		assertThat(this.delivery.count()).isEqualTo(1);
		assertThat(this.delivery.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(3);
	}

	@Test
	void ticketWhenAPeerThatIsNoRecipientReportsChangesNothing() {
		DeliveryTicket ticket = this.receipts.ticketFor(this.logged);

		ticket.delivered("mallory-id");

		assertThat(this.published).isEmpty();
		assertThat(this.logged.recipients()).extracting(Recipient::state).containsOnly(DeliveryState.PENDING);
	}

}
