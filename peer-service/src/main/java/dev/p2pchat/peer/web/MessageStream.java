package dev.p2pchat.peer.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import lombok.extern.slf4j.Slf4j;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter.DataWithMediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import dev.p2pchat.peer.config.PeerProperties;
import dev.p2pchat.peer.messaging.ChatEvent;
import dev.p2pchat.peer.messaging.ChatService;

/**
 * {@code GET /messages/stream}: at most {@code p2pchat.peer.stream.max-subscribers} at a
 * time; each subscriber has a bounded queue (grown on demand) and its own virtual thread
 * that writes whatever is queued (up to 512 events) as one chunk of SSE text in one
 * flush. A subscriber whose queue overflows is dropped (its stream ends), so a slow
 * client never delays delivery or other clients.
 */
@Slf4j
@Component
class MessageStream implements SmartLifecycle {

	private static final int EVENTS_PER_WRITE = 512;

	private static final MediaType EVENT_TEXT = new MediaType("text", "plain", StandardCharsets.UTF_8);

	private final ChatService chat;

	private final JsonMapper json;

	private final PeerProperties.Stream settings;

	private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();

	private final Semaphore places;

	private volatile boolean running;

	MessageStream(ChatService chat, JsonMapper json, PeerProperties properties) {
		this.chat = chat;
		this.json = json;
		this.settings = properties.stream();
		this.places = new Semaphore(this.settings.maxSubscribers());
	}

	/** Live-stream subscribers now. */
	int subscribers() {
		return this.subscribers.size();
	}

	/**
	 * A new subscriber's stream.
	 * @throws StreamFullException when {@code p2pchat.peer.stream.max-subscribers} are
	 * already subscribed
	 */
	SseEmitter subscribe() {
		if (!this.places.tryAcquire()) {
			log.info("refusing a live-stream subscriber: {} are subscribed", this.settings.maxSubscribers());
			throw new StreamFullException(this.settings.maxSubscribers());
		}
		var emitter = new SseEmitter(0L);
		// linked: an idle subscriber's buffer costs next to nothing, a busy one grows to
		// the bound
		var subscriber = new Subscriber(emitter, new LinkedBlockingQueue<>(this.settings.queueSize()));
		this.subscribers.add(subscriber);
		subscriber.subscription = this.chat.subscribe(subscriber::offer);
		emitter.onCompletion(subscriber::stop);
		emitter.onError((ex) -> subscriber.stop());
		emitter.onTimeout(subscriber::stop);
		Thread.ofVirtual().name("sse-subscriber").start(subscriber::drain);
		return emitter;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		for (Subscriber subscriber : List.copyOf(this.subscribers)) {
			subscriber.stop();
			// ends the open response now, or graceful shutdown would wait for it
			subscriber.emitter.complete();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private final class Subscriber {

		private final SseEmitter emitter;

		private final BlockingQueue<ChatEvent> queue;

		private volatile @Nullable AutoCloseable subscription;

		private volatile boolean stopped;

		private volatile boolean overflowed;

		Subscriber(SseEmitter emitter, BlockingQueue<ChatEvent> queue) {
			this.emitter = emitter;
			this.queue = queue;
		}

		void offer(ChatEvent event) {
			if (!this.stopped && !this.queue.offer(event) && !this.overflowed) {
				this.overflowed = true;
				log.warn("dropping a live-stream subscriber that fell {} events behind", this.queue.size());
				stop();
			}
		}

		void drain() {
			List<ChatEvent> batch = new ArrayList<>();
			try {
				// commits the response at once, so that the client sees the stream open
				this.emitter.send(SseEmitter.event().comment("connected"));
				while (!this.stopped) {
					ChatEvent first = this.queue.poll(MessageStream.this.settings.keepAlive().toMillis(),
							TimeUnit.MILLISECONDS);
					if (first == null) {
						this.emitter.send(SseEmitter.event().comment("keepalive"));
						continue;
					}
					batch.add(first);
					this.queue.drainTo(batch, EVENTS_PER_WRITE - 1);
					this.emitter.send(render(batch));
					batch.clear();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			catch (IOException | RuntimeException ex) {
				log.debug("live-stream subscriber gone: {}", ex.toString());
			}
			stop();
			this.emitter.complete();
		}

		void stop() {
			this.stopped = true;
			if (MessageStream.this.subscribers.remove(this)) {
				MessageStream.this.places.release();
			}
			AutoCloseable current = this.subscription;
			if (current != null) {
				try {
					current.close();
				}
				catch (Exception ex) {
					log.debug("unsubscribing failed", ex);
				}
			}
		}

	}

	/** Renders the events as SSE text in one string, written with one flush. */
	private Set<DataWithMediaType> render(List<ChatEvent> events) {
		var text = new StringBuilder(events.size() * 256);
		for (ChatEvent event : events) {
			text.append("event:")
				.append(event.name())
				.append("\ndata:")
				.append(this.json.writeValueAsString(data(event)))
				.append("\n\n");
		}
		return Set.of(new DataWithMediaType(text.toString(), EVENT_TEXT));
	}

	private static Object data(ChatEvent event) {
		return switch (event) {
			case ChatEvent.Message message -> Views.MessageView.of(message.message(), message.replyTo());
			case ChatEvent.Edited edited -> edited;
			case ChatEvent.Deleted deleted -> deleted;
			case ChatEvent.Reaction reaction -> reaction;
			case ChatEvent.Read read -> read;
			case ChatEvent.Peer peer -> new Views.PeerView(peer.peerId(), peer.username(), peer.url(), peer.link());
			case ChatEvent.Receipt receipt -> receipt;
			case ChatEvent.Renamed renamed -> renamed;
			case ChatEvent.Typing typing -> typing;
			case ChatEvent.KeyChanged changed -> changed;
		};
	}

}
