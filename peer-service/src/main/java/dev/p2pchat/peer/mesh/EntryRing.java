package dev.p2pchat.peer.mesh;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

/**
 * The queued entries of one {@link Outbox}, oldest first, in a ring that doubles when
 * full. Not thread-safe: the outbox's lock guards it.
 */
final class EntryRing {

	private Outbox.@Nullable Entry[] ring = new Outbox.Entry[16];

	private int head;

	private int size;

	int size() {
		return this.size;
	}

	void add(Outbox.Entry entry) {
		if (this.size == this.ring.length) {
			grow();
		}
		this.ring[(this.head + this.size) & (this.ring.length - 1)] = entry;
		this.size++;
	}

	/** The entry at {@code index}, 0 being the oldest. */
	@SuppressWarnings("NullAway")
	Outbox.Entry get(int index) {
		return this.ring[(this.head + index) & (this.ring.length - 1)];
	}

	Outbox.Entry first() {
		return get(0);
	}

	Outbox.Entry last() {
		return get(this.size - 1);
	}

	/** Removes and returns the oldest entries for as long as they match. */
	List<Outbox.Entry> removeWhile(Predicate<Outbox.Entry> condition) {
		List<Outbox.Entry> removed = new ArrayList<>();
		while (this.size > 0 && condition.test(first())) {
			removed.add(first());
			this.ring[this.head] = null;
			this.head = (this.head + 1) & (this.ring.length - 1);
			this.size--;
		}
		return removed;
	}

	private void grow() {
		Outbox.@Nullable Entry[] bigger = new Outbox.Entry[this.ring.length * 2];
		for (int i = 0; i < this.size; i++) {
			bigger[i] = get(i);
		}
		this.ring = bigger;
		this.head = 0;
	}

}
