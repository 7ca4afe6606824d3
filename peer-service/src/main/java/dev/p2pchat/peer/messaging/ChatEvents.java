package dev.p2pchat.peer.messaging;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import lombok.extern.slf4j.Slf4j;

/**
 * Fans events out to subscribers, synchronously on the publishing thread: subscribers
 * must not block (hand off to a queue of their own). Thread-safe.
 */
@Slf4j
final class ChatEvents {

	private final List<Consumer<ChatEvent>> subscribers = new CopyOnWriteArrayList<>();

	AutoCloseable subscribe(Consumer<ChatEvent> subscriber) {
		this.subscribers.add(subscriber);
		return () -> this.subscribers.remove(subscriber);
	}

	void publish(ChatEvent event) {
		for (Consumer<ChatEvent> subscriber : this.subscribers) {
			try {
				subscriber.accept(event);
			}
			catch (RuntimeException ex) {
				log.warn("event subscriber failed", ex);
			}
		}
	}

}
