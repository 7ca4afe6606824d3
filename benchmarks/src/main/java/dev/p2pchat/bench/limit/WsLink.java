package dev.p2pchat.bench.limit;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * One side of a raw WebSocket link: a bounded queue drained by one thread that sends each
 * message as one text frame, blocking until the frame is written.
 */
final class WsLink {

	private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(8192);

	private final FrameSender sender;

	WsLink(String name, FrameSender sender) {
		this.sender = sender;
		Thread.ofPlatform().daemon().name("ws-link-" + name).start(this::drain);
	}

	void enqueue(String text) throws InterruptedException {
		this.queue.put(text);
	}

	private void drain() {
		try {
			while (!Thread.currentThread().isInterrupted()) {
				this.sender.send(this.queue.take());
			}
		}
		catch (Exception ex) {
			System.err.println("link closed: " + ex);
		}
	}

	/** Sends one text frame, blocking until it is written. */
	interface FrameSender {

		void send(String text) throws Exception;

	}

}
