package dev.p2pchat.peer.sse;

import java.time.Duration;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Assembles {@link SseEvent}s from the lines of a {@code text/event-stream}, following
 * the WHATWG HTML specification's "interpreting an event stream": a leading byte order
 * mark is skipped; a line starting with {@code :} is a comment; a field's value is what
 * follows the first colon, less one leading space if there is one (never more: values are
 * not stripped); {@code data} lines are joined by {@code \n}; {@code event} names the
 * next event; {@code id} sets the last event id unless it contains NUL; {@code retry}
 * with only ASCII digits sets the reconnection time; other fields are ignored; a blank
 * line dispatches the event, unless no data was given. Lines are given without their
 * terminator (CR, LF or CRLF, as {@link java.io.BufferedReader#readLine()} splits them).
 * Not thread-safe: one parser per stream.
 */
public final class SseParser {

	private static final char BOM = '\uFEFF';

	private boolean first = true;

	private String name = "";

	private final StringBuilder data = new StringBuilder();

	private boolean hasData;

	private String lastEventId = "";

	private @Nullable Duration retry;

	/**
	 * Feeds one line (without its line terminator).
	 * @param line the line
	 * @return the event this blank line completed, if any
	 */
	public Optional<SseEvent> accept(String line) {
		if (this.first) {
			this.first = false;
			if (!line.isEmpty() && line.charAt(0) == BOM) {
				line = line.substring(1);
			}
		}
		if (line.isEmpty()) {
			return dispatch();
		}
		if (line.charAt(0) == ':') {
			return Optional.empty();
		}
		int colon = line.indexOf(':');
		String field = (colon < 0) ? line : line.substring(0, colon);
		String value = (colon < 0) ? "" : line.substring(colon + 1);
		if (value.startsWith(" ")) {
			value = value.substring(1);
		}
		switch (field) {
			case "event" -> this.name = value;
			case "data" -> appendData(value);
			case "id" -> {
				if (value.indexOf('\0') < 0) {
					this.lastEventId = value;
				}
			}
			case "retry" -> {
				if (!value.isEmpty() && value.chars().allMatch((c) -> c >= '0' && c <= '9')) {
					this.retry = parseRetry(value);
				}
			}
			default -> {
				// unknown fields are ignored
			}
		}
		return Optional.empty();
	}

	/** The reconnection time the stream asked for, if it did. */
	public Optional<Duration> retry() {
		return Optional.ofNullable(this.retry);
	}

	private void appendData(String value) {
		if (this.hasData) {
			this.data.append('\n');
		}
		this.data.append(value);
		this.hasData = true;
	}

	private static Duration parseRetry(String digits) {
		try {
			return Duration.ofMillis(Long.parseLong(digits));
		}
		catch (NumberFormatException ex) {
			return Duration.ofMillis(Long.MAX_VALUE);
		}
	}

	private Optional<SseEvent> dispatch() {
		Optional<SseEvent> event = this.hasData ? Optional
			.of(new SseEvent(this.name.isEmpty() ? "message" : this.name, this.data.toString(), this.lastEventId))
				: Optional.empty();
		this.name = "";
		this.data.setLength(0);
		this.hasData = false;
		return event;
	}

}
