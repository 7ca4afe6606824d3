package dev.p2pchat.peer.messaging;

import io.micrometer.core.instrument.Counter;

import dev.p2pchat.peer.mesh.DeliveryTicket;

/**
 * Settles the delivery states of the messages this peer sends: each send gets a
 * {@link DeliveryTicket} that moves a recipient from pending to delivered or failed and
 * publishes the receipt; the new state is written to the history store. Thread-safe.
 */
final class Receipts {

	private final ChatEvents events;

	private final MessageLog history;

	private final Counter failed;

	Receipts(ChatEvents events, MessageLog history, Counter failed) {
		this.events = events;
		this.history = history;
		this.failed = failed;
	}

	/** The ticket to queue {@code logged} with, for every one of its recipients. */
	DeliveryTicket ticketFor(LoggedMessage logged) {
		return new Ticket(logged);
	}

	private void settle(LoggedMessage logged, String peerId, DeliveryState state) {
		Recipient recipient = logged.settle(peerId, state);
		if (recipient != null) {
			this.history.settled(logged, recipient);
			this.events.publish(new ChatEvent.Receipt(logged.message().id(), peerId, recipient.username(), state));
		}
	}

	private final class Ticket implements DeliveryTicket {

		private final LoggedMessage logged;

		private Ticket(LoggedMessage logged) {
			this.logged = logged;
		}

		@Override
		public void delivered(String peerId) {
			settle(this.logged, peerId, DeliveryState.DELIVERED);
		}

		@Override
		public void failed(String peerId, String reason) {
			Receipts.this.failed.increment();
			settle(this.logged, peerId, DeliveryState.FAILED);
		}

	}

}
