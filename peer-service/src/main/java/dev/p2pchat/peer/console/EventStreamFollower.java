package dev.p2pchat.peer.console;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import lombok.extern.slf4j.Slf4j;

/**
 * Follows the peer's live event stream on its own virtual thread and prints each event,
 * reconnecting with a growing pause (up to 5 s) when the stream drops, and telling the
 * user once per drop.
 */
@Slf4j
final class EventStreamFollower implements AutoCloseable {

	private static final Duration FIRST_PAUSE = Duration.ofMillis(250);

	private static final Duration LONGEST_PAUSE = Duration.ofSeconds(5);

	private final ChatApi api;

	private final EventFormatter formatter;

	private final ConsoleIo io;

	private final AtomicBoolean running = new AtomicBoolean(true);

	private final Thread thread;

	EventStreamFollower(ChatApi api, EventFormatter formatter, ConsoleIo io) {
		this.api = api;
		this.formatter = formatter;
		this.io = io;
		this.thread = Thread.ofVirtual().name("console-events").unstarted(this::follow);
	}

	void start() {
		this.thread.start();
	}

	private void follow() {
		Duration pause = FIRST_PAUSE;
		boolean dropped = false;
		while (this.running.get()) {
			AtomicBoolean opened = new AtomicBoolean();
			boolean wasDropped = dropped;
			try {
				this.api.follow(() -> {
					opened.set(true);
					if (wasDropped) {
						this.io.println("(live events are back)");
					}
				}, (event) -> this.formatter.format(event).ifPresent(this.io::println));
			}
			catch (IOException | RuntimeException ex) {
				log.debug("event stream ended", ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			if (!this.running.get()) {
				return;
			}
			if (opened.get()) {
				pause = FIRST_PAUSE;
				dropped = false;
			}
			if (!dropped) {
				this.io.println("! live events dropped; reconnecting...");
				dropped = true;
			}
			if (!pause(pause)) {
				return;
			}
			pause = pause.multipliedBy(2);
			if (pause.compareTo(LONGEST_PAUSE) > 0) {
				pause = LONGEST_PAUSE;
			}
		}
	}

	private boolean pause(Duration pause) {
		try {
			Thread.sleep(pause);
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	@Override
	public void close() {
		this.running.set(false);
		this.thread.interrupt();
	}

}
