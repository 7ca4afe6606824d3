package dev.p2pchat.tracker.events;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import dev.p2pchat.tracker.registry.Peer;
import dev.p2pchat.tracker.registry.PeerEvent;
import dev.p2pchat.tracker.registry.PeerList;
import dev.p2pchat.tracker.registry.PeerRegistry;
import lombok.extern.slf4j.Slf4j;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.SmartLifecycle;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Fans the registry's events out to every open event stream.
 *
 * <p>
 * The registry calls {@link #onEvent} under its lock, so this class only renders the
 * event once and offers it to each client's bounded queue; every client has its own
 * virtual thread that writes to the socket. A client whose queue is full is dropped
 * rather than slowing anyone else down; it reconnects and gets a fresh snapshot.
 *
 * <p>
 * A new stream gets no gap and no duplicate: the client is added before the snapshot is
 * taken, and events already contained in the snapshot (sequence &lt;= snapshot version)
 * are skipped by the client.
 *
 * <p>
 * As a {@link SmartLifecycle} in the last phase it stops before the web server's graceful
 * shutdown, ending every stream so that shutdown does not wait for them.
 */
@Slf4j
public final class EventFanout implements SmartLifecycle {

	private final PeerRegistry registry;

	private final JsonMapper json;

	private final Duration timeout;

	private final int queueCapacity;

	private final int maxClients;

	/** Admitted streams, counted before they are added so that the bound is exact. */
	private final AtomicInteger admitted = new AtomicInteger();

	private final Set<SseClient> clients = ConcurrentHashMap.newKeySet();

	private final AtomicLong clientIds = new AtomicLong();

	private volatile boolean running;

	/**
	 * Creates the fan-out and subscribes it to the registry.
	 * @param registry the registry whose events are streamed
	 * @param json the mapper that renders event data
	 * @param timeout how long a stream may stay open, zero for no limit
	 * @param queueCapacity how many events may wait for one client
	 * @param maxClients how many streams may be open at once
	 */
	public EventFanout(PeerRegistry registry, JsonMapper json, Duration timeout, int queueCapacity, int maxClients) {
		this.registry = registry;
		this.json = json;
		this.timeout = timeout;
		this.queueCapacity = queueCapacity;
		this.maxClients = maxClients;
		registry.addListener(this::onEvent);
		// events were missed: every client reconnects and starts again from a snapshot
		registry.onResync(this::closeAll);
	}

	/**
	 * Opens a stream: a {@code snapshot} event first, then every change.
	 * @return the emitter to return from the controller
	 * @throws TooManySubscribersException when {@code maxClients} streams are open
	 */
	public SseEmitter connect() {
		return connect(new SseEmitter(this.timeout.isZero() ? -1L : this.timeout.toMillis()));
	}

	SseEmitter connect(SseEmitter emitter) {
		if (this.admitted.incrementAndGet() > this.maxClients) {
			this.admitted.decrementAndGet();
			log.debug("refusing an event stream: {} open", this.clients.size());
			throw new TooManySubscribersException(this.maxClients);
		}
		SseClient client = new SseClient(this.clientIds.incrementAndGet(), emitter, this.queueCapacity, this::remove);
		emitter.onCompletion(client::close);
		emitter.onTimeout(client::close);
		emitter.onError((ex) -> client.close());
		this.clients.add(client);
		PeerList snapshot = this.registry.list();
		client.start(snapshot.version(),
				SseClient.render(snapshot.version(), "snapshot", this.json.writeValueAsString(snapshot.peers())));
		log.debug("event stream {} opened at version {}, {} open", client.id(), snapshot.version(),
				this.clients.size());
		return emitter;
	}

	/**
	 * Sends a {@code :keepalive} comment to every open stream.
	 */
	public void keepalive() {
		for (SseClient client : this.clients) {
			client.offerKeepalive();
		}
	}

	/**
	 * Ends every open stream, so that a graceful shutdown need not wait for them; clients
	 * reconnect to whichever tracker answers next.
	 */
	public void closeAll() {
		for (SseClient client : this.clients) {
			client.close();
		}
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		closeAll();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * How many streams are open.
	 * @return the count
	 */
	public int clientCount() {
		return this.clients.size();
	}

	void onEvent(PeerEvent event) {
		if (this.clients.isEmpty()) {
			return;
		}
		SseClient.Rendered rendered = SseClient.render(event.sequence(), name(event), data(event));
		for (SseClient client : this.clients) {
			client.offer(rendered);
		}
	}

	private void remove(SseClient client) {
		if (this.clients.remove(client)) {
			this.admitted.decrementAndGet();
			log.debug("event stream {} closed, {} open", client.id(), this.clients.size());
		}
	}

	private static String name(PeerEvent event) {
		return switch (event) {
			case PeerEvent.Joined joined -> "joined";
			case PeerEvent.Renamed renamed -> "renamed";
			case PeerEvent.Left left -> "left";
		};
	}

	private String data(PeerEvent event) {
		Object data = switch (event) {
			case PeerEvent.Joined joined -> joined.peer();
			case PeerEvent.Renamed renamed -> RenamedData.of(renamed.peer(), renamed.previousUsername());
			case PeerEvent.Left left -> new LeftData(left.peer().peerId(), left.peer().username(), left.peer().url(),
					left.peer().publicKey(), left.reason().wireName());
		};
		return this.json.writeValueAsString(data);
	}

	/**
	 * The data of a {@code renamed} event: the record plus the previous username.
	 */
	record RenamedData(String peerId, String username, String url, String publicKey, java.time.Instant registeredAt,
			java.time.Instant renewedAt, String previousUsername, boolean reachable) {

		static RenamedData of(Peer peer, String previousUsername) {
			return new RenamedData(peer.peerId(), peer.username(), peer.url(), peer.publicKey(), peer.registeredAt(),
					peer.renewedAt(), previousUsername, peer.reachable());
		}

	}

	/**
	 * The data of a {@code left} event.
	 */
	record LeftData(String peerId, String username, String url, String publicKey, String reason) {

	}

}
