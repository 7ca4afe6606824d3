package dev.p2pchat.peer.console;

import java.util.Optional;

/**
 * Assembles {@link SseEvent}s from the lines of a {@code text/event-stream}, following
 * the WHATWG rules that matter here: {@code event:} and {@code data:} fields (several
 * data lines joined by a newline), comments ignored, a blank line ends an event. Not
 * thread-safe: one parser per stream.
 */
final class SseParser {

	private String name = "";

	private final StringBuilder data = new StringBuilder();

	private boolean hasData;

	/**
	 * Feeds one line (without its line terminator).
	 * @param line the line
	 * @return the event this blank line completed, if any
	 */
	Optional<SseEvent> accept(String line) {
		if (line.isEmpty()) {
			return dispatch();
		}
		if (line.startsWith(":")) {
			return Optional.empty();
		}
		int colon = line.indexOf(':');
		String field = (colon < 0) ? line : line.substring(0, colon);
		String value = (colon < 0) ? "" : line.substring(colon + 1);
		if (value.startsWith(" ")) {
			value = value.substring(1);
		}
		if (field.equals("event")) {
			this.name = value;
		}
		else if (field.equals("data")) {
			if (this.hasData) {
				this.data.append('\n');
			}
			this.data.append(value);
			this.hasData = true;
		}
		return Optional.empty();
	}

	private Optional<SseEvent> dispatch() {
		Optional<SseEvent> event = this.hasData
				? Optional.of(new SseEvent(this.name.isEmpty() ? "message" : this.name, this.data.toString()))
				: Optional.empty();
		this.name = "";
		this.data.setLength(0);
		this.hasData = false;
		return event;
	}

}
