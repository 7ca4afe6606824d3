package dev.p2pchat.peer.sse;

import static java.util.Objects.requireNonNull;

/**
 * One Server-Sent Event as dispatched to a reader.
 *
 * @param name the event type, {@code message} when the stream gave none
 * @param data the data lines joined by {@code \n}
 * @param lastEventId the last {@code id:} the stream set (it carries over to later
 * events), empty when none
 */
public record SseEvent(String name, String data, String lastEventId) {

	public SseEvent {
		requireNonNull(name);
		requireNonNull(data);
		requireNonNull(lastEventId);
	}

	/** An event without an id. */
	public SseEvent(String name, String data) {
		this(name, data, "");
	}

}
