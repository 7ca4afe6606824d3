package dev.p2pchat.peer.tracker;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ScheduledFuture;

import lombok.extern.slf4j.Slf4j;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;

import dev.p2pchat.peer.config.Backoff;
import dev.p2pchat.peer.sse.SseEvent;
import dev.p2pchat.peer.sse.SseParser;

/**
 * Follows the tracker's {@code GET /peers/events} on one virtual thread and feeds the
 * {@link PeerDirectory}. While the stream is down it polls {@code GET /peers} about once
 * a second and retries the stream with backoff. A stream silent for longer than
 * {@link #SILENCE_LIMIT} (the tracker sends a keep-alive every 10 s) is dropped and
 * reopened.
 */
@Slf4j
final class TrackerEventStream implements SmartLifecycle {

	static final Duration SILENCE_LIMIT = Duration.ofSeconds(25);

	private static final Duration POLL_INTERVAL = Duration.ofSeconds(1);

	private static final Duration HEADERS_TIMEOUT = Duration.ofSeconds(10);

	private static final TypeReference<List<TrackerPeer>> PEER_LIST = new TypeReference<>() {
	};

	private final TrackerUrls urls;

	private final @Nullable String joinToken;

	private final PeerDirectory directory;

	private final JsonMapper json;

	private final Backoff backoff;

	private final Clock clock;

	private final TaskScheduler scheduler;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

	private volatile boolean running;

	private volatile @Nullable Thread thread;

	private volatile @Nullable InputStream current;

	private volatile Instant lastHeard = Instant.EPOCH;

	private @Nullable ScheduledFuture<?> housekeeping;

	TrackerEventStream(TrackerUrls urls, @Nullable String joinToken, PeerDirectory directory, JsonMapper json,
			Backoff backoff, Clock clock, TaskScheduler scheduler) {
		this.urls = urls;
		this.joinToken = joinToken;
		this.directory = directory;
		this.json = json;
		this.backoff = backoff;
		this.clock = clock;
		this.scheduler = scheduler;
	}

	@Override
	public void start() {
		this.running = true;
		this.thread = Thread.ofVirtual().name("tracker-events").start(this::run);
		this.housekeeping = this.scheduler.scheduleWithFixedDelay(this::housekeeping, POLL_INTERVAL);
	}

	@Override
	public void stop() {
		this.running = false;
		if (this.housekeeping != null) {
			this.housekeeping.cancel(false);
		}
		closeCurrent();
		Thread reader = this.thread;
		if (reader != null) {
			reader.interrupt();
		}
		this.http.shutdownNow();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private void run() {
		int attempt = 0;
		while (this.running) {
			try {
				follow();
				attempt = 0;
			}
			catch (IOException | RuntimeException ex) {
				if (attempt == 0 && this.running) {
					log.warn("tracker event stream down ({}), polling until it is back", ex.toString());
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			if (!pollDuring(this.backoff.delay(attempt++))) {
				return;
			}
		}
	}

	/** Polls the peer list about once a second for the given time; false if stopped. */
	private boolean pollDuring(Duration wait) {
		Instant until = this.clock.instant().plus(wait);
		do {
			this.directory.refresh();
			try {
				Thread.sleep(Duration.ofMillis(Math.max(1,
						Math.min(POLL_INTERVAL.toMillis(), Duration.between(this.clock.instant(), until).toMillis()))));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}
		while (this.running && this.clock.instant().isBefore(until));
		return this.running;
	}

	private void follow() throws IOException, InterruptedException {
		// the first tracker URL that is not paused; a failure pauses it, so the next try
		// goes to the next URL
		URI base = this.urls.preferred();
		URI eventsUri = base.resolve("/peers/events");
		try {
			follow(base, eventsUri);
		}
		catch (IOException | RuntimeException ex) {
			this.urls.failed(base);
			throw ex;
		}
	}

	private void follow(URI base, URI eventsUri) throws IOException, InterruptedException {
		// the timeout bounds the wait for the response headers only, not the endless body
		var builder = HttpRequest.newBuilder(eventsUri)
			.header("Accept", "text/event-stream")
			.timeout(HEADERS_TIMEOUT)
			.GET();
		if (this.joinToken != null) {
			builder.header("Authorization", "Bearer " + this.joinToken);
		}
		var request = builder.build();
		HttpResponse<InputStream> response = this.http.send(request, HttpResponse.BodyHandlers.ofInputStream());
		this.current = response.body();
		this.lastHeard = this.clock.instant();
		try (var reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
			if (response.statusCode() != 200) {
				throw new IOException("tracker answered " + response.statusCode());
			}
			log.info("following the tracker's events at {}", eventsUri);
			this.urls.succeeded(base);
			readEvents(reader);
		}
		finally {
			this.current = null;
		}
		if (this.running) {
			throw new IOException("stream ended");
		}
	}

	private void readEvents(BufferedReader reader) throws IOException {
		var parser = new SseParser();
		String line;
		while ((line = reader.readLine()) != null) {
			this.lastHeard = this.clock.instant();
			parser.accept(line).ifPresent(this::dispatch);
		}
	}

	private void dispatch(SseEvent sse) {
		String event = sse.name();
		String data = sse.data();
		try {
			switch (event) {
				case "snapshot" -> this.directory.snapshot(this.json.readValue(data, PEER_LIST));
				case "joined" -> this.directory.joined(this.json.readValue(data, TrackerPeer.class));
				case "renamed" -> this.directory.renamed(this.json.readValue(data, TrackerPeer.class));
				case "left" -> this.directory.left(this.json.readValue(data, TrackerPeer.class).peerId());
				default -> log.debug("ignoring tracker event {}", event);
			}
		}
		catch (JacksonException | IllegalArgumentException | NullPointerException ex) {
			log.warn("ignoring a malformed tracker event {}: {}", event, ex.getMessage());
		}
	}

	private void housekeeping() {
		this.directory.forgetDeparted();
		if (this.current != null && this.clock.instant().isAfter(this.lastHeard.plus(SILENCE_LIMIT))) {
			log.warn("tracker event stream silent for {}, reopening it", SILENCE_LIMIT);
			closeCurrent();
		}
	}

	private void closeCurrent() {
		InputStream stream = this.current;
		if (stream != null) {
			try {
				stream.close();
			}
			catch (IOException ex) {
				log.debug("closing the event stream failed", ex);
			}
		}
	}

}
