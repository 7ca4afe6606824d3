package dev.p2pchat.tracker.events;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

import lombok.extern.slf4j.Slf4j;

import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter.DataWithMediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One open event stream: a bounded queue filled by the fan-out and drained by the
 * client's own virtual thread, the only thread that writes to the emitter.
 */
@Slf4j
final class SseClient {

	private static final Item KEEPALIVE = new Keepalive();

	private static final Item CLOSE = new Close();

	private static final Set<DataWithMediaType> KEEPALIVE_FRAME = SseEmitter.event().comment("keepalive").build();

	private final long id;

	private final SseEmitter emitter;

	private final BlockingQueue<Item> queue;

	private final Consumer<SseClient> onClose;

	private volatile boolean closed;

	SseClient(long id, SseEmitter emitter, int capacity, Consumer<SseClient> onClose) {
		this.id = id;
		this.emitter = emitter;
		// bounded, but linked: a client that keeps up holds a few nodes, not an array of
		// the whole capacity
		this.queue = new LinkedBlockingQueue<>(capacity);
		this.onClose = onClose;
	}

	static Rendered render(long sequence, String name, String jsonData) {
		return new Rendered(sequence,
				SseEmitter.event()
					.id(Long.toString(sequence))
					.name(name)
					.data(jsonData, MediaType.APPLICATION_JSON)
					.build());
	}

	long id() {
		return this.id;
	}

	void start(long snapshotVersion, Rendered snapshot) {
		Thread.ofVirtual().name("sse-client-" + this.id).start(() -> run(snapshotVersion, snapshot));
	}

	void offer(Rendered event) {
		enqueue(event);
	}

	void offerKeepalive() {
		enqueue(KEEPALIVE);
	}

	private void enqueue(Item item) {
		if (!this.closed && !this.queue.offer(item)) {
			log.info("event stream {} is too slow ({} items waiting), dropping it", this.id, this.queue.size());
			close();
		}
	}

	/** Stops the client; safe to call from any thread, any number of times. */
	void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		this.onClose.accept(this);
		this.queue.clear();
		this.queue.offer(CLOSE);
	}

	private void run(long snapshotVersion, Rendered snapshot) {
		try {
			send(snapshot.data());
			while (!this.closed) {
				Item item = this.queue.take();
				switch (item) {
					case Rendered event when event.sequence() > snapshotVersion -> send(event.data());
					case Rendered event -> {
						// already part of the snapshot
					}
					case Keepalive keepalive -> send(KEEPALIVE_FRAME);
					case Close close -> {
						// closed
					}
				}
			}
		}
		catch (IOException | IllegalStateException ex) {
			log.debug("event stream {} failed: {}", this.id, ex.toString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			close();
			completeQuietly();
		}
	}

	private void send(Set<DataWithMediaType> data) throws IOException {
		this.emitter.send(data);
	}

	private void completeQuietly() {
		try {
			this.emitter.complete();
		}
		catch (RuntimeException ex) {
			log.trace("event stream {} already complete", this.id, ex);
		}
	}

	private sealed interface Item permits Rendered, Keepalive, Close {

	}

	/**
	 * An event rendered once for every client.
	 *
	 * @param sequence the registry version of the event
	 * @param data the lines of the event
	 */
	record Rendered(long sequence, Set<DataWithMediaType> data) implements Item {

	}

	private record Keepalive() implements Item {

	}

	private record Close() implements Item {

	}

}
