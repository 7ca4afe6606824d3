package dev.p2pchat.peer.messaging;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/**
 * Reads {@link ChatMessage#sentAt()} quickly when it has the form every peer writes
 * ({@code 2026-11-25T16:00:00.123Z}: ISO-8601 in UTC, 0 to 9 fraction digits); anything
 * else goes to Jackson's own {@code Instant} reader, so what is accepted does not change.
 * Jackson's reader goes through {@code DateTimeFormatter}, which was about a third of a
 * receiving link's CPU time (see {@code docs/peer.md}, Performance).
 */
final class WireInstantDeserializer extends ValueDeserializer<Instant> {

	private static final int SECONDS_PER_DAY = 86_400;

	@Override
	public Instant deserialize(JsonParser parser, DeserializationContext context) {
		if (parser.currentToken() == JsonToken.VALUE_STRING) {
			Instant fast = parse(parser.getString());
			if (fast != null) {
				return fast;
			}
		}
		return context.readValue(parser, Instant.class);
	}

	/**
	 * The instant written as {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z}, or {@code null} when
	 * the text has any other form or is not a valid date and time.
	 */
	static @Nullable Instant parse(String text) {
		int length = text.length();
		if (length < 20 || length == 21 || length > 30 || text.charAt(4) != '-' || text.charAt(7) != '-'
				|| text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':'
				|| text.charAt(length - 1) != 'Z' || (length > 20 && text.charAt(19) != '.')) {
			return null;
		}
		int year = digits(text, 0, 4);
		int month = digits(text, 5, 7);
		int day = digits(text, 8, 10);
		int hour = digits(text, 11, 13);
		int minute = digits(text, 14, 16);
		int second = digits(text, 17, 19);
		int fraction = (length > 20) ? digits(text, 20, length - 1) : 0;
		if ((year | month | day | hour | minute | second | fraction) < 0 || hour > 23 || minute > 59 || second > 59) {
			return null;
		}
		for (int i = length - 1; i < 29; i++) {
			fraction *= 10;
		}
		try {
			long days = LocalDate.of(year, month, day).toEpochDay();
			return Instant.ofEpochSecond(days * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second, fraction);
		}
		catch (DateTimeException ex) {
			return null;
		}
	}

	/** The decimal number in {@code text[from, to)}, or -1 if it is not all digits. */
	private static int digits(String text, int from, int to) {
		int value = 0;
		for (int i = from; i < to; i++) {
			int digit = text.charAt(i) - '0';
			if (digit < 0 || digit > 9) {
				return -1;
			}
			value = value * 10 + digit;
		}
		return value;
	}

}
