package dev.p2pchat.peer.console;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Terminal times: {@code HH:MM} before each message, and a date line before the first
 * message of each day shown (the first one printed included). Times are in the zone
 * given, the terminal's own. Thread-safe.
 */
final class Timestamps {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM uuuu", Locale.ENGLISH);

	private final ZoneId zone;

	private final AtomicReference<LocalDate> lastDay = new AtomicReference<>();

	Timestamps(ZoneId zone) {
		this.zone = zone;
	}

	/**
	 * The line stamped with its time, preceded by a date line ({@code -- Wednesday 2
	 * December 2026 --}) when its day differs from the previous stamped line's.
	 */
	String stamp(Instant at, String line) {
		LocalDate day = LocalDate.ofInstant(at, this.zone);
		LocalDate previous = this.lastDay.getAndSet(day);
		String stamped = TIME.format(at.atZone(this.zone)) + " " + line;
		return day.equals(previous) ? stamped : "-- " + DAY.format(day) + " --" + System.lineSeparator() + stamped;
	}

}
