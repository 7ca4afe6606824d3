package dev.p2pchat.peer.mesh;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

import dev.p2pchat.link.frame.MessageRecord;
import dev.p2pchat.link.reliability.ReceiveWindow;
import dev.p2pchat.link.reliability.SendWindow;

/**
 * The messages waiting for one recipient peer, numbered by consecutive sequence numbers,
 * kept until the recipient acknowledges them or they exceed the bound. It outlives links:
 * each new link to the recipient {@link #attach() attaches} and resends everything not
 * yet acknowledged, in order (its {@link SendWindow}). The link's single sender thread
 * writes every frame: it also takes the acknowledgement this peer owes the recipient from
 * that peer's {@link ReceiveWindow} (where it lives) when it is due.
 * <p>
 * Under load it shapes the frames (see {@link Pacing}): a busy sender lingers briefly to
 * fill a batch, and acknowledgements go out at most once per interval, while a message or
 * acknowledgement on a quiet link goes out at once. Waking the sender costs as much as
 * writing a small frame, so it is woken only when its answer changes: on the first unsent
 * message, the first acknowledgement owed, or a full batch while it lingers. Thread-safe.
 */
final class Outbox {

	/**
	 * One queued message; {@code message} is encoded once and shared by every recipient
	 * of a broadcast.
	 */
	record Entry(long seq, MessageRecord message, DeliveryTicket ticket, Instant enqueuedAt) {
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
	 * @param maxBytes a batch stops growing past this many bytes of messages
	 * @param idle how long to wait for work before returning empty-handed (time to ping)
	 * @param linger how long a busy sender waits for a fuller batch; zero never waits
	 * @param ackInterval least time between two acknowledgements; zero acks at once
	 */
	record Pacing(long maxBytes, Duration idle, Duration linger, Duration ackInterval) {
	}

	/** Unsent messages that make a batch worth sending without lingering. */
	static final int FULL_BATCH = 32;

	private static final Work IDLE = new Work(0, List.of());

	private static final long LONG_AGO = Duration.ofDays(1).toNanos();

	private final int capacity;

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition work = this.lock.newCondition();

	private final SendWindow<Entry> queued = new SendWindow<>();

	private final ReceiveWindow acks;

	private int generation;

	/** A sender is waiting for a fuller batch: wake it once the batch is full. */
	private boolean lingering;

	private long lastTakeAt = System.nanoTime() - LONG_AGO;

	/**
	 * @param acks what this peer received from the recipient: the acknowledgement owed to
	 * it
	 */
	Outbox(int capacity, ReceiveWindow acks) {
		this.capacity = capacity;
		this.acks = acks;
	}

	/** Queues a message; false when the outbox is full. */
	boolean offer(MessageRecord message, DeliveryTicket ticket, Instant now) {
		this.lock.lock();
		try {
			if (this.queued.size() >= this.capacity) {
				return false;
			}
			boolean hadUnsent = this.queued.hasUnsent();
			this.queued.add(new Entry(this.queued.nextSeq(), message, ticket, now));
			if (!hadUnsent || (this.lingering && this.queued.unsent() >= FULL_BATCH)) {
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
		this.lock.lock();
		try {
			return this.queued.acknowledge(seq);
		}
		finally {
			this.lock.unlock();
		}
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
			this.queued.rewind();
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

	/**
	 * An acknowledgement is owed to the recipient now ({@link ReceiveWindow#owe} said it
	 * is the first): wakes the sender thread.
	 */
	void ackOwed() {
		this.lock.lock();
		try {
			this.work.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Waits for something to send: an acknowledgement that is due, or unsent messages
	 * (taken in order until their bytes exceed {@code maxBytes}, at least one).
	 * @return the work, empty after the idle timeout, or {@code null} when the generation
	 * ended
	 */
	@Nullable Work await(int generation, Pacing pacing) throws InterruptedException {
		this.lock.lock();
		try {
			long now = System.nanoTime();
			long idleUntil = now + pacing.idle().toNanos();
			Duration ackDueIn = this.acks.ackDueIn(pacing.ackInterval());
			while (!this.queued.hasUnsent() && (ackDueIn == null || ackDueIn.isPositive())) {
				if (generation != this.generation) {
					return null;
				}
				long until = (ackDueIn != null) ? Math.min(idleUntil, now + ackDueIn.toNanos()) : idleUntil;
				if (until - now <= 0) {
					return IDLE;
				}
				this.work.awaitNanos(until - now);
				now = System.nanoTime();
				ackDueIn = this.acks.ackDueIn(pacing.ackInterval());
			}
			if (generation == this.generation && busy(now, pacing) && this.queued.unsent() < FULL_BATCH) {
				now = linger(generation, pacing.linger().toNanos());
			}
			if (generation != this.generation) {
				return null;
			}
			long ack = this.acks.takeAck(pacing.ackInterval());
			List<Entry> entries = this.queued.takeUnsent(pacing.maxBytes(), (entry) -> entry.message().length());
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

	private long linger(int generation, long nanos) throws InterruptedException {
		this.lingering = true;
		try {
			while (nanos > 0 && generation == this.generation && this.queued.unsent() < FULL_BATCH) {
				nanos = this.work.awaitNanos(nanos);
			}
		}
		finally {
			this.lingering = false;
		}
		return System.nanoTime();
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
