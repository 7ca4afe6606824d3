package dev.p2pchat.peer.messaging;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;

import dev.p2pchat.peer.mesh.DeliveryTicket;

/**
 * Settles the delivery states of the messages this peer sends: each send gets a
 * {@link DeliveryTicket} that moves a recipient from pending to delivered or failed and
 * publishes the receipt (the new state is written to the history store), and times each
 * delivery from the send to the recipient's acknowledgement. Thread-safe.
 */
final class Receipts {

	private final ChatEvents events;

	private final MessageLog history;

	private final Counter failed;

	private final Timer delivery;

	private final Clock clock;

	/**
	 * @param failed counts deliveries marked failed
	 * @param delivery times deliveries, send to acknowledgement
	 * @param clock the meter registry's clock ({@link Clock#monotonicTime()})
	 */
	Receipts(ChatEvents events, MessageLog history, Counter failed, Timer delivery, Clock clock) {
		this.events = events;
		this.history = history;
		this.failed = failed;
		this.delivery = delivery;
		this.clock = clock;
	}

	/** The ticket to queue {@code logged} with, for every one of its recipients. */
	DeliveryTicket ticketFor(LoggedMessage logged) {
		return new Ticket(logged, this.clock.monotonicTime());
	}

	private boolean settle(LoggedMessage logged, String peerId, DeliveryState state) {
		Recipient recipient = logged.settle(peerId, state);
		if (recipient != null) {
			this.history.settled(logged, recipient);
			this.events.publish(new ChatEvent.Receipt(logged.message().id(), peerId, recipient.username(), state));
		}
		return recipient != null;
	}

	private final class Ticket implements DeliveryTicket {

		private final LoggedMessage logged;

		private final long sentAt;

		private Ticket(LoggedMessage logged, long sentAt) {
			this.logged = logged;
			this.sentAt = sentAt;
		}

		@Override
		public void delivered(String peerId) {
			if (settle(this.logged, peerId, DeliveryState.DELIVERED)) {
				Receipts.this.delivery.record(Receipts.this.clock.monotonicTime() - this.sentAt, TimeUnit.NANOSECONDS);
			}
		}

		@Override
		public void failed(String peerId, String reason) {
			Receipts.this.failed.increment();
			settle(this.logged, peerId, DeliveryState.FAILED);
		}

	}

}
