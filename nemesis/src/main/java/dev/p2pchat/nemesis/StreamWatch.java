package dev.p2pchat.nemesis;

import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Follows every peer's {@code GET /messages/stream} during a run and records the
 * {@code message} events of each connection (a session): what the peer showed live. A
 * session ends when the peer goes away; the watcher then connects again.
 */
final class StreamWatch {

	private static final HttpClient CLIENT = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(2))
		.version(HttpClient.Version.HTTP_1_1)
		.build();

	private final Map<String, List<List<Shown>>> sessions = new HashMap<>();

	private final List<Stream<String>> open = Collections.synchronizedList(new ArrayList<>());

	private final List<Thread> threads = new ArrayList<>();

	private volatile boolean running = true;

	StreamWatch(Cluster cluster) {
		for (Node peer : cluster.peers()) {
			this.sessions.put(peer.name(), Collections.synchronizedList(new ArrayList<>()));
			this.threads.add(Thread.ofVirtual().name("stream-" + peer.name()).start(() -> follow(peer, peer.token())));
		}
	}

	/** Stops following; the sessions recorded so far, per peer. */
	Map<String, List<List<Shown>>> stop() {
		this.running = false;
		synchronized (this.open) {
			this.open.forEach(Stream::close);
		}
		for (Thread thread : this.threads) {
			try {
				thread.join(Duration.ofSeconds(10));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		Map<String, List<List<Shown>>> copy = new HashMap<>();
		this.sessions.forEach((peer, list) -> {
			synchronized (list) {
				copy.put(peer, list.stream().map(List::copyOf).toList());
			}
		});
		return copy;
	}

	private void follow(Node peer, @Nullable String token) {
		while (this.running) {
			List<Shown> session = Collections.synchronizedList(new ArrayList<>());
			this.sessions.get(peer.name()).add(session);
			try {
				var request = HttpRequest.newBuilder(peer.uri("/messages/stream")).GET();
				if (token != null) {
					request.header("Authorization", "Bearer " + token);
				}
				HttpResponse<Stream<String>> response = CLIENT.send(request.build(),
						HttpResponse.BodyHandlers.ofLines());
				if (response.statusCode() == 200) {
					read(response.body(), session);
				}
				else {
					response.body().close();
				}
			}
			catch (java.io.IOException | UncheckedIOException | IllegalStateException ex) {
				// the peer is away: try again
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			Sleep.of(Duration.ofMillis(500));
		}
	}

	private void read(Stream<String> lines, List<Shown> session) {
		this.open.add(lines);
		try (lines) {
			if (!this.running) {
				return;
			}
			String event = "";
			for (Iterator<String> it = lines.iterator(); it.hasNext();) {
				String line = it.next();
				if (line.startsWith("event:")) {
					event = line.substring(6).strip();
				}
				else if (line.startsWith("data:") && event.equals("message")) {
					JsonNode message = Cluster.JSON.readTree(line.substring(5));
					JsonNode to = message.path("to");
					session.add(new Shown(message.path("id").asString(), message.path("from").asString(),
							(to.isNull() || to.isMissingNode()) ? null : to.asString(),
							message.path("text").asString()));
				}
				else if (line.isEmpty()) {
					event = "";
				}
			}
		}
		finally {
			this.open.remove(lines);
		}
	}

}
