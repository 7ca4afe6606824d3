package dev.p2pchat.bench.work;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;

import dev.p2pchat.bench.http.SseClient;

/**
 * The few tracker calls the workloads make to set up, through the tracker's public API.
 */
final class TrackerApi {

	private final HttpClient http = HttpClient.newHttpClient();

	private final int port;

	private final Clock clock = Clock.systemUTC();

	TrackerApi(int port) {
		this.port = port;
	}

	/**
	 * Registers a peer like a real peer does, with a fresh identity key: the peerId is
	 * the key's.
	 * @return its peerId and lease token
	 */
	Registered register(String username, String url) throws IOException, InterruptedException {
		RegistrationSigner identity = RegistrationSigner.generate();
		String peerId = identity.peerId();
		String body = identity.body(username, url, this.clock.instant());
		HttpResponse<String> response = this.http.send(request("/peers").header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 201) {
			throw new IOException(
					"registering " + peerId + " answered " + response.statusCode() + ": " + response.body());
		}
		return new Registered(peerId, SseClient.stringField(response.body(), "leaseToken"));
	}

	/** Removes a registration like a peer that shuts down. */
	void remove(String peerId, String token) throws IOException, InterruptedException {
		this.http.send(request("/peers/" + peerId).header("Authorization", "Bearer " + token).DELETE().build(),
				HttpResponse.BodyHandlers.discarding());
	}

	/** {@code GET /peers}: the body and its ETag. */
	HttpResponse<byte[]> list() throws IOException, InterruptedException {
		return this.http.send(request("/peers").build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	/**
	 * A registration's result.
	 *
	 * @param peerId the peerId derived from the identity key
	 * @param token the lease token
	 */
	record Registered(String peerId, String token) {

	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path));
	}

}
