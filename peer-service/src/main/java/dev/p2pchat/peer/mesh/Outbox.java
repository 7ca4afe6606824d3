package dev.p2pchat.peer.mesh;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

/**
 * The messages waiting for one recipient peer, numbered by consecutive sequence numbers,
 * kept until the recipient acknowledges them or they exceed the bound. It outlives links:
 * each new link to the recipient {@link #attach() attaches} and resends everything not
 * yet acknowledged, in order. Also carries the cumulative acknowledgement this peer owes
 * the recipient, so that the link's single sender thread writes every frame.
 * <p>
 * Under load it shapes the frames (see {@link Pacing}): a busy sender lingers briefly to
 * fill a batch, and acknowledgements go out at most once per interval, while a message or
 * acknowledgement on a quiet link goes out at once. Waking the sender costs as much as
 * writing a small frame, so it is woken only when its answer changes: on the first unsent
 * message, the first acknowledgement owed, or a full batch while it lingers. Thread-safe.
 */
final class Outbox {

	/** One queued message; {@code json} is shared by every recipient of a broadcast. */
	record Entry(long seq, String json, DeliveryTicket ticket, Instant enqueuedAt) {
	}

	/**
	 * What a sender thread should write next.
	 *
	 * @param ack acknowledgement to send, 0 for none
	 * @param entries messages to send in one batch, possibly none
	 */
	record Work(long ack, List<Entry> entries) {
	}

	/**
	 * How a sender thread paces its frames.
	 *
	 * @param maxChars a batch stops growing past this many characters of JSON
	 * @param idle how long to wait for work before returning empty-handed (time to ping)
	 * @param linger how long a busy sender waits for a fuller batch; zero never waits
	 * @param ackInterval least time between two acknowledgements; zero acks at once
	 */
	record Pacing(long maxChars, Duration idle, Duration linger, Duration ackInterval) {
	}

	/** Unsent messages that make a batch worth sending without lingering. */
	static final int FULL_BATCH = 32;

	private static final Work IDLE = new Work(0, List.of());

	private static final long LONG_AGO = Duration.ofDays(1).toNanos();

	private final int capacity;

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition work = this.lock.newCondition();

	private final EntryRing queued = new EntryRing();

	private long nextSeq = 1;

	private long sentUpTo;

	private long ackToSend;

	private int generation;

	/** A sender is waiting for a fuller batch: wake it once the batch is full. */
	private boolean lingering;

	private long lastTakeAt = System.nanoTime() - LONG_AGO;

	private long lastAckAt = System.nanoTime() - LONG_AGO;

	Outbox(int capacity) {
		this.capacity = capacity;
	}

	/** Queues a message; false when the outbox is full. */
	boolean offer(String json, DeliveryTicket ticket, Instant now) {
		this.lock.lock();
		try {
			if (this.queued.size() >= this.capacity) {
				return false;
			}
			boolean hadUnsent = hasUnsent();
			this.queued.add(new Entry(this.nextSeq++, json, ticket, now));
			if (!hadUnsent || (this.lingering && unsent() >= FULL_BATCH)) {
				this.work.signalAll();
			}
			return true;
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Removes and returns every message up to and including {@code seq}. */
	List<Entry> acknowledge(long seq) {
		return removeWhile((entry) -> entry.seq() <= seq);
	}

	/** Removes and returns every message queued before {@code cutoff}. */
	List<Entry> expire(Instant cutoff) {
		return removeWhile((entry) -> entry.enqueuedAt().isBefore(cutoff));
	}

	/** Removes and returns every message. */
	List<Entry> drain() {
		return removeWhile((entry) -> true);
	}

	int depth() {
		this.lock.lock();
		try {
			return this.queued.size();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Starts a new sending generation: everything unacknowledged will be sent again.
	 * @return the generation the new link's sender thread must pass to {@link #await}
	 */
	int attach() {
		this.lock.lock();
		try {
			this.generation++;
			this.sentUpTo = (this.queued.size() > 0) ? this.queued.first().seq() - 1 : this.nextSeq - 1;
			this.ackToSend = 0;
			this.work.signalAll();
			return this.generation;
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Ends a generation, if it is still the current one; its sender thread stops. */
	void detach(int generation) {
		this.lock.lock();
		try {
			if (this.generation == generation) {
				this.generation++;
				this.work.signalAll();
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Asks the sender thread to acknowledge everything up to {@code seq}. */
	void requestAck(long seq) {
		this.lock.lock();
		try {
			boolean owed = this.ackToSend > 0;
			this.ackToSend = Math.max(this.ackToSend, seq);
			if (!owed) {
				this.work.signalAll();
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Waits for something to send: an acknowledgement that is due, or unsent messages
	 * (taken in order until their JSON exceeds {@code maxChars}, at least one).
	 * @return the work, empty after the idle timeout, or {@code null} when the generation
	 * ended
	 */
	@Nullable Work await(int generation, Pacing pacing) throws InterruptedException {
		this.lock.lock();
		try {
			long now = System.nanoTime();
			long idleUntil = now + pacing.idle().toNanos();
			while (!hasUnsent() && !ackDue(now, pacing)) {
				if (generation != this.generation) {
					return null;
				}
				long until = (this.ackToSend > 0) ? Math.min(idleUntil, this.lastAckAt + pacing.ackInterval().toNanos())
						: idleUntil;
				if (until - now <= 0) {
					return IDLE;
				}
				this.work.awaitNanos(until - now);
				now = System.nanoTime();
			}
			if (generation == this.generation && busy(now, pacing) && unsent() < FULL_BATCH) {
				now = linger(generation, pacing.linger().toNanos());
			}
			if (generation != this.generation) {
				return null;
			}
			long ack = 0;
			if (ackDue(now, pacing)) {
				ack = this.ackToSend;
				this.ackToSend = 0;
				this.lastAckAt = now;
			}
			List<Entry> entries = takeUnsent(pacing.maxChars());
			if (!entries.isEmpty()) {
				this.lastTakeAt = now;
			}
			return new Work(ack, entries);
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Took a batch within the last two lingers: more messages are on their way. */
	private boolean busy(long now, Pacing pacing) {
		long linger = pacing.linger().toNanos();
		return linger > 0 && now - this.lastTakeAt < 2 * linger;
	}

	private boolean ackDue(long now, Pacing pacing) {
		return this.ackToSend > 0 && now - this.lastAckAt >= pacing.ackInterval().toNanos();
	}

	private long linger(int generation, long nanos) throws InterruptedException {
		this.lingering = true;
		try {
			while (nanos > 0 && generation == this.generation && unsent() < FULL_BATCH) {
				nanos = this.work.awaitNanos(nanos);
			}
		}
		finally {
			this.lingering = false;
		}
		return System.nanoTime();
	}

	private List<Entry> takeUnsent(long maxChars) {
		if (!hasUnsent()) {
			return List.of();
		}
		long firstSeq = this.queued.first().seq();
		int index = (int) (Math.max(this.sentUpTo + 1, firstSeq) - firstSeq);
		List<Entry> batch = new ArrayList<>();
		long chars = 0;
		while (index < this.queued.size() && (batch.isEmpty() || chars < maxChars)) {
			Entry entry = this.queued.get(index++);
			chars += entry.json().length();
			batch.add(entry);
		}
		this.sentUpTo = batch.getLast().seq();
		return batch;
	}

	private boolean hasUnsent() {
		return this.queued.size() > 0 && this.queued.last().seq() > this.sentUpTo;
	}

	private long unsent() {
		if (!hasUnsent()) {
			return 0;
		}
		return this.queued.last().seq() - Math.max(this.sentUpTo + 1, this.queued.first().seq()) + 1;
	}

	private List<Entry> removeWhile(Predicate<Entry> condition) {
		this.lock.lock();
		try {
			return this.queued.removeWhile(condition);
		}
		finally {
			this.lock.unlock();
		}
	}

}
