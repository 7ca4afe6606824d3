package dev.p2pchat.peer.console;

import static java.util.Objects.requireNonNull;

/**
 * One Server-Sent Event: its name ({@code message} when the stream gave none) and its
 * data.
 */
record SseEvent(String name, String data) {

	SseEvent {
		requireNonNull(name);
		requireNonNull(data);
	}

}
