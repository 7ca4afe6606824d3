package dev.p2pchat.nemesis;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * The harness's HTTP calls to a node (straight to its port, never through its proxy):
 * every answer or failure as a value, never an exception.
 */
public final class Http {

	private static final HttpClient CLIENT = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(2))
		.version(HttpClient.Version.HTTP_1_1)
		.build();

	/**
	 * An answer, or none: {@code status} -1 when the connection was refused (nothing was
	 * sent), -2 when it timed out or broke after the request may have been sent.
	 */
	public record Answer(int status, String body) {

		public boolean refusedConnection() {
			return this.status == -1;
		}

		public boolean unknown() {
			return this.status == -2;
		}

	}

	private Http() {
	}

	public static Answer get(URI uri, @Nullable String token, Duration timeout) {
		return send(request(uri, token, timeout).GET().build());
	}

	public static Answer postJson(URI uri, @Nullable String token, String json, Duration timeout) {
		return send(request(uri, token, timeout).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build());
	}

	private static HttpRequest.Builder request(URI uri, @Nullable String token, Duration timeout) {
		var request = HttpRequest.newBuilder(uri).timeout(timeout);
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return request;
	}

	private static Answer send(HttpRequest request) {
		try {
			HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
			return new Answer(response.statusCode(), response.body());
		}
		catch (ConnectException ex) {
			// the JDK reports a connect timeout as HttpConnectTimeoutException (a
			// ConnectException too): nothing was sent either way
			return new Answer(-1, ex.toString());
		}
		catch (HttpTimeoutException ex) {
			return new Answer(-2, ex.toString());
		}
		catch (IOException ex) {
			return new Answer(-2, ex.toString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Answer(-2, ex.toString());
		}
	}

}
