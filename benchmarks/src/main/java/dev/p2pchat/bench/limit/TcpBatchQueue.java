package dev.p2pchat.bench.limit;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One side of a raw-TCP link: a bounded queue of encoded messages drained by one thread
 * that writes them in batch frames, paced as the peer's outbox paces link frames
 * ({@code p2pchat.peer.link.linger} 200 µs, 32 messages, {@code link.batch-size} 64 KB):
 * a sender that sent a frame within the last two lingers waits up to one linger for 32
 * messages; a message on a quiet link goes out at once. A frame is its length (4 bytes,
 * big-endian), the message count, then each message as its length and bytes, written to
 * the socket in one call.
 */
final class TcpBatchQueue {

	static final int FULL_BATCH = 32;

	static final int MAX_BATCH_BYTES = 64 * 1024;

	static final long LINGER_NANOS = 200_000;

	private static final int CAPACITY = 8192;

	private final ArrayDeque<byte[]> queue = new ArrayDeque<>();

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition notEmpty = this.lock.newCondition();

	private final Condition notFull = this.lock.newCondition();

	private final OutputStream out;

	private boolean lingering;

	/** The frame being written; grows for a message larger than a batch. */
	private byte[] frame = new byte[2 * MAX_BATCH_BYTES];

	private long lastTakeAt = System.nanoTime() - 1_000_000_000L;

	TcpBatchQueue(String name, OutputStream out) {
		this.out = out;
		Thread.ofPlatform().daemon().name("tcp-link-" + name).start(this::drain);
	}

	void enqueue(byte[] message) throws InterruptedException {
		this.lock.lock();
		try {
			while (this.queue.size() >= CAPACITY) {
				this.notFull.await();
			}
			boolean wasEmpty = this.queue.isEmpty();
			this.queue.addLast(message);
			// wake the sender only when its answer changes, as the outbox does
			if (wasEmpty || (this.lingering && this.queue.size() >= FULL_BATCH)) {
				this.notEmpty.signal();
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	private void drain() {
		try {
			while (!Thread.currentThread().isInterrupted()) {
				int length = take();
				this.out.write(this.frame, 0, length);
				this.out.flush();
			}
		}
		catch (IOException ex) {
			System.err.println("link closed: " + ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Waits for messages and encodes one batch frame into {@link #frame}. */
	private int take() throws InterruptedException {
		this.lock.lock();
		try {
			while (this.queue.isEmpty()) {
				this.notEmpty.await();
			}
			long now = System.nanoTime();
			if (now - this.lastTakeAt < 2 * LINGER_NANOS && this.queue.size() < FULL_BATCH) {
				this.lingering = true;
				long nanos = LINGER_NANOS;
				while (nanos > 0 && this.queue.size() < FULL_BATCH) {
					nanos = this.notEmpty.awaitNanos(nanos);
				}
				this.lingering = false;
			}
			int at = 8;
			int count = 0;
			while (!this.queue.isEmpty() && (count == 0 || at < MAX_BATCH_BYTES)) {
				byte[] message = this.queue.pollFirst();
				if (at + 4 + message.length > this.frame.length) {
					this.frame = Arrays.copyOf(this.frame, 2 * (at + 4 + message.length));
				}
				byte[] frame = this.frame;
				writeInt(frame, at, message.length);
				System.arraycopy(message, 0, frame, at + 4, message.length);
				at += 4 + message.length;
				count++;
			}
			writeInt(this.frame, 0, at - 4);
			writeInt(this.frame, 4, count);
			this.lastTakeAt = System.nanoTime();
			this.notFull.signalAll();
			return at;
		}
		finally {
			this.lock.unlock();
		}
	}

	static void writeInt(byte[] bytes, int at, int value) {
		bytes[at] = (byte) (value >>> 24);
		bytes[at + 1] = (byte) (value >>> 16);
		bytes[at + 2] = (byte) (value >>> 8);
		bytes[at + 3] = (byte) value;
	}

	static int readInt(byte[] bytes, int at) {
		return ((bytes[at] & 0xff) << 24) | ((bytes[at + 1] & 0xff) << 16) | ((bytes[at + 2] & 0xff) << 8)
				| (bytes[at + 3] & 0xff);
	}

}
