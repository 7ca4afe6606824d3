package dev.p2pchat.tracker;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;

/**
 * Reads {@code GET /peers/events} with the JDK {@link HttpClient}, parsing the stream
 * into events and comments as a browser's EventSource would.
 */
public final class SseReader implements AutoCloseable {

	private final List<Event> events = new CopyOnWriteArrayList<>();

	private final List<String> comments = new CopyOnWriteArrayList<>();

	private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private volatile HttpResponse<Stream<String>> response;

	private SseReader() {
	}

	public static SseReader open(int port) {
		SseReader reader = new SseReader();
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/peers/events"))
			.header("Accept", "text/event-stream")
			.build();
		try {
			reader.response = reader.client.sendAsync(request, BodyHandlers.ofLines()).get(10, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException("could not open the event stream", ex);
		}
		Thread.ofVirtual().name("sse-reader").start(reader::read);
		return reader;
	}

	public HttpResponse<Stream<String>> response() {
		return this.response;
	}

	public List<Event> events() {
		return List.copyOf(this.events);
	}

	public List<String> names() {
		return this.events.stream().map(Event::name).toList();
	}

	public List<String> comments() {
		return List.copyOf(this.comments);
	}

	private void read() {
		List<String> lines = new ArrayList<>();
		try (Stream<String> body = this.response.body()) {
			body.forEach((line) -> {
				if (line.isEmpty()) {
					dispatch(lines);
					lines.clear();
				}
				else {
					lines.add(line);
				}
			});
		}
		catch (RuntimeException ex) {
			// closed by the test or the server
		}
	}

	private void dispatch(List<String> lines) {
		String id = null;
		String name = "message";
		StringBuilder data = new StringBuilder();
		for (String line : lines) {
			if (line.startsWith(":")) {
				this.comments.add(line.substring(1));
			}
			else if (line.startsWith("id:")) {
				id = line.substring(3).strip();
			}
			else if (line.startsWith("event:")) {
				name = line.substring(6).strip();
			}
			else if (line.startsWith("data:")) {
				data.append(data.isEmpty() ? "" : "\n").append(line.substring(5).stripLeading());
			}
		}
		if (!data.isEmpty()) {
			this.events.add(new Event(id, name, TrackerTestSupport.json(data.toString())));
		}
	}

	@Override
	public void close() {
		// aborts the open exchange; awaiting termination would wait for the endless
		// stream
		this.client.shutdownNow();
	}

	/**
	 * One server-sent event.
	 *
	 * @param id its id
	 * @param name its name
	 * @param data its JSON data
	 */
	public record Event(String id, String name, JsonNode data) {

		public long sequence() {
			return Long.parseLong(this.id);
		}

	}

}
