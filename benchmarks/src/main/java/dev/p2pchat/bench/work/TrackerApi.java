package dev.p2pchat.bench.work;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.temporal.ChronoUnit;

import dev.p2pchat.link.identity.Identity;
import dev.p2pchat.link.identity.RegistrationText;
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
	 * @return its lease token
	 */
	String register(Identity identity, String username, String url) throws IOException, InterruptedException {
		String peerId = identity.peerId();
		String body = registration(identity, username, url, this.clock);
		HttpResponse<String> response = this.http.send(request("/peers").header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 201) {
			throw new IOException(
					"registering " + peerId + " answered " + response.statusCode() + ": " + response.body());
		}
		return SseClient.stringField(response.body(), "leaseToken");
	}

	/**
	 * The signed body of {@code POST /peers}, as a real peer sends it.
	 * @param identity the peer's key
	 * @param username its name
	 * @param url its url
	 * @param clock the source of the signed timestamp
	 * @return the JSON body
	 */
	static String registration(Identity identity, String username, String url, Clock clock) {
		String peerId = identity.peerId();
		String timestamp = clock.instant().truncatedTo(ChronoUnit.MILLIS).toString();
		String signature = identity.signText(RegistrationText.of(peerId, username, url, timestamp));
		return "{\"peerId\":\"" + peerId + "\",\"username\":\"" + username + "\",\"url\":\"" + url
				+ "\",\"publicKey\":\"" + identity.publicIdentity().encoded() + "\",\"timestamp\":\"" + timestamp
				+ "\",\"signature\":\"" + signature + "\"}";
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

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path));
	}

}
