package dev.p2pchat.tracker.registry;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;

import io.lettuce.core.RedisClient;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import lombok.extern.slf4j.Slf4j;
import org.jspecify.annotations.Nullable;

/**
 * The subscriber side of {@link RedisPeerRegistry}: one pub/sub connection per replica
 * that turns the messages the scripts publish into {@link PeerEvent}s for the local
 * listeners, in the order Redis ran the scripts, and tracks the latest registry version.
 *
 * <p>
 * Pub/sub does not replay what a disconnected subscriber missed. So while the
 * subscription is down {@link #current()} is false (the registry then reads the version
 * from Redis on every list), and when it is back the resync actions run: the event
 * streams are closed, their clients reconnect and get a fresh snapshot.
 */
@Slf4j
final class RedisEvents implements AutoCloseable {

	private static final Duration WATCH_INTERVAL = Duration.ofMillis(250);

	private final RedisClient client;

	private final String channel;

	private final LongSupplier versionReader;

	private final List<PeerEventListener> listeners = new CopyOnWriteArrayList<>();

	private final List<Runnable> resyncActions = new CopyOnWriteArrayList<>();

	private final Thread watcher;

	private volatile @Nullable StatefulRedisPubSubConnection<String, String> connection;

	private volatile boolean current;

	private volatile long knownVersion = -1;

	private volatile boolean running = true;

	RedisEvents(RedisClient client, String channel, LongSupplier versionReader) {
		this.client = client;
		this.channel = channel;
		this.versionReader = versionReader;
		this.watcher = Thread.ofVirtual().name("redis-events").start(this::watch);
	}

	void addListener(PeerEventListener listener) {
		this.listeners.add(listener);
	}

	void onResync(Runnable action) {
		this.resyncActions.add(action);
	}

	/** Whether the subscription is up and {@link #knownVersion()} is the latest. */
	boolean current() {
		return this.current;
	}

	long knownVersion() {
		return this.knownVersion;
	}

	private void watch() {
		while (this.running) {
			try {
				check();
			}
			catch (RuntimeException ex) {
				if (this.current) {
					log.warn("redis event subscription is down: {}", ex.getMessage());
				}
				this.current = false;
			}
			try {
				Thread.sleep(WATCH_INTERVAL);
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

	private void check() {
		StatefulRedisPubSubConnection<String, String> pubsub = this.connection;
		if (pubsub == null) {
			pubsub = this.client.connectPubSub(StringCodec.UTF8);
			try {
				pubsub.addListener(new Subscriber());
				pubsub.sync().subscribe(this.channel);
			}
			catch (RuntimeException ex) {
				pubsub.closeAsync();
				throw ex;
			}
			this.connection = pubsub;
		}
		if (!pubsub.isOpen()) {
			if (this.current) {
				log.warn("redis event subscription lost, reconnecting");
			}
			this.current = false;
			return;
		}
		if (!this.current) {
			this.knownVersion = this.versionReader.getAsLong();
			this.current = true;
			log.info("following registry events on redis channel {} from version {}", this.channel, this.knownVersion);
			this.resyncActions.forEach(Runnable::run);
		}
	}

	private void dispatch(String message) {
		String[] field = message.split("\n", -1);
		long sequence = Long.parseLong(field[1]);
		this.knownVersion = sequence;
		PeerEvent event = switch (field[0]) {
			case "j" -> new PeerEvent.Joined(sequence, peer(field));
			case "r" -> new PeerEvent.Renamed(sequence, peer(field), field[8]);
			case "l" ->
				new PeerEvent.Left(sequence, peer(field), PeerEvent.Reason.valueOf(field[8].toUpperCase(Locale.ROOT)));
			default -> null;
		};
		if (event == null) {
			return;
		}
		for (PeerEventListener listener : this.listeners) {
			try {
				listener.onEvent(event);
			}
			catch (RuntimeException ex) {
				log.warn("listener {} failed on event {}", listener, sequence, ex);
			}
		}
	}

	/**
	 * A peer from fields 2 to 7 of a message: id, username, url, key, registered,
	 * renewed; field 9 (after the event's own field 8), when present, is reachable.
	 */
	private static Peer peer(String[] field) {
		return RedisPeerRegistry.peer(field[2], field[3], field[4], field[5], field[6], field[7],
				(field.length > 9) ? field[9] : null);
	}

	@Override
	public void close() {
		this.running = false;
		this.watcher.interrupt();
		StatefulRedisPubSubConnection<String, String> pubsub = this.connection;
		if (pubsub != null) {
			pubsub.close();
		}
	}

	private final class Subscriber extends RedisPubSubAdapter<String, String> {

		@Override
		public void message(String channel, String message) {
			try {
				dispatch(message);
			}
			catch (RuntimeException ex) {
				log.warn("ignoring a malformed registry event on {}: {}", channel, ex.toString());
			}
		}

	}

	static Instant millis(String epochMillis) {
		return Instant.ofEpochMilli(Long.parseLong(epochMillis));
	}

}
