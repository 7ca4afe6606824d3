package dev.p2pchat.nemesis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What the nemesis did and when: the faults with their start and end. Thread-safe. */
public final class Timeline {

	/**
	 * One fault.
	 *
	 * @param kind what
	 * @param target on whom
	 * @param startNanos when it began
	 * @param endNanos when it healed (0 while active)
	 * @param note detail (duration, offset, …) or what went wrong healing it
	 */
	public record Event(FaultKind kind, String target, long startNanos, long endNanos, String note) {

		boolean overlaps(long from, long to) {
			return this.startNanos <= to && (this.endNanos == 0 || this.endNanos >= from);
		}

	}

	private final long origin;

	private final List<Event> events = new ArrayList<>();

	private int active;

	public Timeline(long origin) {
		this.origin = origin;
	}

	synchronized int begin(FaultKind kind, String target, String note) {
		this.events.add(new Event(kind, target, System.nanoTime(), 0, note));
		this.active++;
		return this.events.size() - 1;
	}

	synchronized void end(int index, String note) {
		Event event = this.events.get(index);
		String joined = note.isEmpty() ? event.note() : (event.note() + "; " + note);
		this.events.set(index, new Event(event.kind(), event.target(), event.startNanos(), System.nanoTime(), joined));
		this.active--;
	}

	public synchronized boolean faultActive() {
		return this.active > 0;
	}

	public synchronized List<Event> events() {
		return List.copyOf(this.events);
	}

	/** The faults active at any time between two instants. */
	public synchronized List<Event> during(long from, long to) {
		return this.events.stream().filter((event) -> event.overlaps(from, to)).toList();
	}

	public String format(Event event) {
		return String.format(Locale.ROOT, "%7.1fs–%7.1fs %-16s %-10s %s", seconds(event.startNanos()),
				(event.endNanos() == 0) ? Double.NaN : seconds(event.endNanos()), event.kind(), event.target(),
				event.note());
	}

	public double seconds(long nanos) {
		return (nanos - this.origin) / 1e9;
	}

}
