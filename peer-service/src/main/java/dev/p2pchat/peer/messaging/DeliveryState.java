package dev.p2pchat.peer.messaging;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where a message stands for one recipient.
 */
public enum DeliveryState {

	/** Queued or sent, not acknowledged yet. */
	PENDING,

	/** The recipient acknowledged it. */
	DELIVERED,

	/** Not acknowledged within the outbox bound; never retried. */
	FAILED;

	@JsonValue
	public String wireName() {
		return name().toLowerCase(Locale.ROOT);
	}

}
