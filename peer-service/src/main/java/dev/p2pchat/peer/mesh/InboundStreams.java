package dev.p2pchat.peer.mesh;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Per sending peer: the epoch of its stream and the highest sequence number delivered.
 * Delivers each numbered message at most once per epoch and in increasing order, even
 * when a superseded link and its successor overlap. Thread-safe.
 */
final class InboundStreams {

	private static final class Stream {

		final ReentrantLock lock = new ReentrantLock();

		String epoch = "";

		long lastSeq;

	}

	private final Map<String, Stream> streams = new ConcurrentHashMap<>();

	/** A link with this hello is established: a new epoch starts the count again. */
	void open(LinkFrame.Hello hello) {
		Stream stream = this.streams.computeIfAbsent(hello.peerId(), (id) -> new Stream());
		stream.lock.lock();
		try {
			if (!stream.epoch.equals(hello.epoch())) {
				stream.epoch = hello.epoch();
				stream.lastSeq = 0;
			}
		}
		finally {
			stream.lock.unlock();
		}
	}

	/**
	 * Delivers the batch's new messages in order.
	 * @return the highest sequence number delivered so far (to acknowledge), or 0 when
	 * the batch belongs to an older epoch
	 */
	long accept(LinkFrame.Hello sender, LinkFrame.Batch batch, Consumer<Object> delivery) {
		Stream stream = this.streams.get(sender.peerId());
		if (stream == null) {
			return 0;
		}
		stream.lock.lock();
		try {
			if (!stream.epoch.equals(sender.epoch())) {
				return 0;
			}
			long seq = batch.seq();
			for (Object message : batch.messages()) {
				if (seq > stream.lastSeq) {
					stream.lastSeq = seq;
					delivery.accept(message);
				}
				seq++;
			}
			return stream.lastSeq;
		}
		finally {
			stream.lock.unlock();
		}
	}

}
