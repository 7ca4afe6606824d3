package dev.p2pchat.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON over HTTP to one service, whose address may change (a restarted container gets a
 * new mapped port). Every call answers a {@link Reply}; callers assert on its status.
 */
final class Http {

	private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private static final JsonMapper JSON = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private final Supplier<URI> baseUri;

	private final @Nullable String token;

	Http(Supplier<URI> baseUri) {
		this(baseUri, null);
	}

	/**
	 * Sends {@code Authorization: Bearer <token>} with every call (a peer's owner token).
	 */
	Http(Supplier<URI> baseUri, @Nullable String token) {
		this.baseUri = baseUri;
		this.token = token;
	}

	Reply get(String path) {
		return send("GET", path, null);
	}

	Reply post(String path, Object body) {
		return send("POST", path, body);
	}

	Reply put(String path, Object body) {
		return send("PUT", path, body);
	}

	/** The {@code status} of {@code /actuator/health}. */
	String health() {
		return get("/actuator/health").as(Health.class).status();
	}

	private Reply send(String method, String path, @Nullable Object body) {
		BodyPublisher publisher = (body != null) ? BodyPublishers.ofString(JSON.writeValueAsString(body))
				: BodyPublishers.noBody();
		HttpRequest.Builder builder = HttpRequest.newBuilder(this.baseUri.get().resolve(path))
			.timeout(Duration.ofSeconds(5))
			.header("Content-Type", "application/json")
			.header("Accept", "application/json")
			.method(method, publisher);
		if (this.token != null) {
			builder.header("Authorization", "Bearer " + this.token);
		}
		HttpRequest request = builder.build();
		try {
			var response = CLIENT.send(request, BodyHandlers.ofString());
			return new Reply(response.statusCode(), response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(method + " " + request.uri() + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

	record Health(String status) {
	}

	/** A status code and a body that can be read as JSON. */
	record Reply(int status, String body) {

		<T> T as(Class<T> type) {
			return JSON.readValue(this.body, type);
		}

		<T> T as(TypeReference<T> type) {
			return JSON.readValue(this.body, type);
		}

		@Override
		public String toString() {
			return this.status + " " + this.body;
		}

	}

}
