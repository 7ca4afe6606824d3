package dev.p2pchat.link.reliability;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * What this peer received from one sender: the epoch of the sender's stream, the highest
 * sequence number delivered (each number once per epoch, in increasing order, even when a
 * superseded link and its successor overlap), and the cumulative acknowledgement owed to
 * the sender. Acknowledgements coalesce: the first after a quiet spell is due at once,
 * the next one an interval after the last sent (time from the injected clock).
 * Thread-safe.
 */
public final class ReceiveWindow {

	private final Clock clock;

	private final ReentrantLock lock = new ReentrantLock();

	private String epoch = "";

	private long lastSeq;

	private long owed;

	private Instant lastAckAt = Instant.MIN;

	public ReceiveWindow(Clock clock) {
		this.clock = clock;
	}

	/**
	 * A link from the sender was established with this epoch: a new epoch (the sender
	 * restarted) counts from 0 again. An acknowledgement owed on an earlier link is
	 * dropped: the next batch owes it again.
	 */
	public void open(String epoch) {
		this.lock.lock();
		try {
			if (!this.epoch.equals(epoch)) {
				this.epoch = epoch;
				this.lastSeq = 0;
			}
			this.owed = 0;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Delivers, in order, the messages of a batch whose numbers were not delivered yet.
	 * @param epoch the epoch of the link the batch came on
	 * @return the highest number delivered so far (what to acknowledge), 0 when the batch
	 * belongs to an epoch that is no longer current
	 */
	public <T> long accept(String epoch, long seq, List<T> messages, Consumer<T> delivery) {
		this.lock.lock();
		try {
			if (!this.epoch.equals(epoch)) {
				return 0;
			}
			for (T message : messages) {
				if (seq > this.lastSeq) {
					this.lastSeq = seq;
					delivery.accept(message);
				}
				seq++;
			}
			return this.lastSeq;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Owes the sender an acknowledgement of everything up to {@code seq} (received and
	 * kept).
	 * @return true when none was owed before: the sender thread should be woken
	 */
	public boolean owe(long seq) {
		this.lock.lock();
		try {
			boolean first = this.owed == 0;
			this.owed = Math.max(this.owed, seq);
			return first;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Takes the acknowledgement owed, if it is due: at least {@code interval} after the
	 * last one taken.
	 * @return the sequence number to acknowledge, 0 for none
	 */
	public long takeAck(Duration interval) {
		this.lock.lock();
		try {
			Instant now = this.clock.instant();
			if (this.owed == 0 || now.isBefore(this.lastAckAt.plus(interval))) {
				return 0;
			}
			long ack = this.owed;
			this.owed = 0;
			this.lastAckAt = now;
			return ack;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * How long until the acknowledgement owed is due ({@link Duration#ZERO} when it is),
	 * {@code null} when none is owed.
	 */
	public @Nullable Duration ackDueIn(Duration interval) {
		this.lock.lock();
		try {
			if (this.owed == 0) {
				return null;
			}
			Duration left = Duration.between(this.clock.instant(), this.lastAckAt.plus(interval));
			return left.isNegative() ? Duration.ZERO : left;
		}
		finally {
			this.lock.unlock();
		}
	}

}
