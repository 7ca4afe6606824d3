package dev.p2pchat.peer.console;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import dev.p2pchat.peer.sse.SseEvent;
import dev.p2pchat.peer.sse.SseParser;

/**
 * {@link ChatApi} over the JDK {@link HttpClient}, against one peer's base URL
 * (loopback). Thread-safe; {@link #close()} aborts an open event stream.
 */
final class HttpChatApi implements ChatApi, AutoCloseable {

	private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

	private final HttpClient http;

	private final URI base;

	private final JsonMapper json;

	private final String authorization;

	/**
	 * @param base the peer's base URL
	 * @param json the mapper to read answers with
	 * @param token the owner's token, sent as {@code Authorization: Bearer}
	 */
	HttpChatApi(URI base, JsonMapper json, String token) {
		this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		this.base = base;
		this.json = json;
		this.authorization = "Bearer " + token;
	}

	@Override
	public ApiViews.Me me() throws IOException, InterruptedException {
		return this.json.readValue(call(request("/me").GET()), ApiViews.Me.class);
	}

	@Override
	public ApiViews.Message send(@Nullable String to, String text) throws IOException, InterruptedException {
		Map<String, String> body = new LinkedHashMap<>();
		if (to != null) {
			body.put("to", to);
		}
		body.put("text", text);
		return this.json.readValue(call(request("/messages").POST(jsonBody(body))), ApiViews.Message.class);
	}

	@Override
	public ApiViews.Me rename(String username) throws IOException, InterruptedException {
		return this.json.readValue(call(request("/me").PUT(jsonBody(Map.of("username", username)))), ApiViews.Me.class);
	}

	@Override
	public List<ApiViews.Peer> peers() throws IOException, InterruptedException {
		return this.json.readValue(call(request("/peers").GET()), new TypeReference<List<ApiViews.Peer>>() {
		});
	}

	@Override
	public List<ApiViews.KeyChange> keyChanges() throws IOException, InterruptedException {
		return this.json.readValue(call(request("/names/changes").GET()),
				new TypeReference<List<ApiViews.KeyChange>>() {
				});
	}

	@Override
	public void acceptKey(String username, String peerId) throws IOException, InterruptedException {
		call(request("/names/" + username + "/accept").POST(jsonBody(Map.of("peerId", peerId))));
	}

	@Override
	public List<ApiViews.Message> history(int limit) throws IOException, InterruptedException {
		return this.json.readValue(call(request("/messages?limit=" + limit).GET()),
				new TypeReference<List<ApiViews.Message>>() {
				});
	}

	@Override
	public void follow(Runnable opened, Consumer<SseEvent> sink) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(this.base.resolve("/messages/stream"))
			.header("Authorization", this.authorization)
			.header("Accept", "text/event-stream")
			.GET()
			.build();
		HttpResponse<Stream<String>> response = this.http.send(request, BodyHandlers.ofLines());
		try (Stream<String> lines = response.body()) {
			if (response.statusCode() != 200) {
				throw new IOException("event stream answered " + response.statusCode());
			}
			opened.run();
			SseParser parser = new SseParser();
			for (Iterator<String> it = lines.iterator(); it.hasNext();) {
				parser.accept(it.next()).ifPresent(sink);
			}
		}
		catch (java.io.UncheckedIOException ex) {
			throw ex.getCause();
		}
	}

	@Override
	public void close() {
		this.http.shutdownNow();
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(this.base.resolve(path))
			.timeout(CALL_TIMEOUT)
			.header("Authorization", this.authorization)
			.header("Accept", "application/json, application/problem+json");
	}

	private HttpRequest.BodyPublisher jsonBody(Map<String, String> body) {
		return BodyPublishers.ofString(this.json.writeValueAsString(body));
	}

	private String call(HttpRequest.Builder builder) throws IOException, InterruptedException {
		HttpRequest request = builder.header("Content-Type", "application/json").build();
		HttpResponse<String> response = this.http.send(request, BodyHandlers.ofString());
		int status = response.statusCode();
		if (status >= 200 && status < 300) {
			return response.body();
		}
		throw new ApiException(status, describe(status, response.body()));
	}

	private String describe(int status, String body) {
		try {
			ApiViews.Problem problem = this.json.readValue(body, ApiViews.Problem.class);
			if (problem.detail() != null) {
				return problem.detail();
			}
			if (problem.title() != null) {
				return problem.title();
			}
		}
		catch (JacksonException ex) {
			// not a problem+json body: fall back to the status
		}
		return "HTTP " + status;
	}

}
