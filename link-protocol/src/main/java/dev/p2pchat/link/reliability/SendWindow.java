package dev.p2pchat.link.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

import org.jspecify.annotations.Nullable;

/**
 * The messages sent to one recipient and not yet acknowledged, numbered 1, 2, 3, ... in
 * the order they were added, oldest first (a ring that doubles when full), and how far
 * the current link has sent them. A new link {@link #rewind() rewinds}: everything
 * unacknowledged goes out again, in order. Not thread-safe: the owner's lock guards it.
 *
 * @param <T> what is queued
 */
public final class SendWindow<T> {

	@SuppressWarnings("unchecked")
	private @Nullable T[] ring = (T[]) new Object[16];

	private int head;

	private int size;

	/** Sequence number of the oldest entry held (of the next one when empty). */
	private long firstSeq = 1;

	private long sentUpTo;

	/** The number the next {@link #add} gets. */
	public long nextSeq() {
		return this.firstSeq + this.size;
	}

	public int size() {
		return this.size;
	}

	/** Adds an entry; returns its sequence number. */
	public long add(T entry) {
		if (this.size == this.ring.length) {
			grow();
		}
		this.ring[(this.head + this.size) & (this.ring.length - 1)] = entry;
		this.size++;
		return nextSeq() - 1;
	}

	/** Removes and returns every entry up to and including {@code seq}. */
	public List<T> acknowledge(long seq) {
		List<T> removed = new ArrayList<>();
		while (this.size > 0 && this.firstSeq <= seq) {
			removed.add(removeFirst());
		}
		return removed;
	}

	/** Removes and returns the oldest entries for as long as they match. */
	public List<T> removeWhile(Predicate<T> condition) {
		List<T> removed = new ArrayList<>();
		while (this.size > 0 && condition.test(get(0))) {
			removed.add(removeFirst());
		}
		return removed;
	}

	/** A new link: every entry held is unsent again. */
	public void rewind() {
		this.sentUpTo = this.firstSeq - 1;
	}

	public boolean hasUnsent() {
		return unsent() > 0;
	}

	/** Entries held and not sent on the current link. */
	public long unsent() {
		return nextSeq() - Math.max(this.sentUpTo + 1, this.firstSeq);
	}

	/**
	 * Takes unsent entries in order until their units reach {@code maxUnits} (at least
	 * one entry), and counts them as sent; none when nothing is unsent.
	 */
	public List<T> takeUnsent(long maxUnits, ToLongFunction<T> units) {
		if (!hasUnsent()) {
			return List.of();
		}
		int index = (int) (Math.max(this.sentUpTo + 1, this.firstSeq) - this.firstSeq);
		List<T> batch = new ArrayList<>();
		long taken = 0;
		while (index < this.size && (batch.isEmpty() || taken < maxUnits)) {
			T entry = get(index++);
			taken += units.applyAsLong(entry);
			batch.add(entry);
		}
		this.sentUpTo = this.firstSeq + index - 1;
		return batch;
	}

	@SuppressWarnings("NullAway")
	private T get(int index) {
		return this.ring[(this.head + index) & (this.ring.length - 1)];
	}

	private T removeFirst() {
		T first = get(0);
		this.ring[this.head] = null;
		this.head = (this.head + 1) & (this.ring.length - 1);
		this.size--;
		this.firstSeq++;
		return first;
	}

	private void grow() {
		@SuppressWarnings("unchecked")
		@Nullable T[] bigger = (T[]) new Object[this.ring.length * 2];
		for (int i = 0; i < this.size; i++) {
			bigger[i] = get(i);
		}
		this.ring = bigger;
		this.head = 0;
	}

}
