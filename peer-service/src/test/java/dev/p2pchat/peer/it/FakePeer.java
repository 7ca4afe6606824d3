package dev.p2pchat.peer.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import dev.p2pchat.link.identity.Identity;
import dev.p2pchat.link.identity.RegistrationText;

/**
 * A peer that only a test speaks for: its own identity key, registered at the tracker
 * with a valid proof, at a URL where nothing listens.
 *
 * @param identity its key
 * @param username its registered username
 * @param url its (unreachable) URL
 */
record FakePeer(Identity identity, String username, URI url) {

	static final URI NOWHERE = URI.create("http://127.0.0.1:9");

	String id() {
		return this.identity.peerId();
	}

	/** Registers a fresh identity under that name. */
	static FakePeer register(URI tracker, String username) {
		var peer = new FakePeer(Identity.generate(), username, NOWHERE);
		int status = peer.registerAt(tracker);
		if (status != 201) {
			throw new IllegalStateException("tracker answered " + status);
		}
		return peer;
	}

	/** An identity the tracker has never seen. */
	static FakePeer unregistered(String username) {
		return new FakePeer(Identity.generate(), username, NOWHERE);
	}

	int registerAt(URI tracker) {
		String timestamp = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
		String signature = this.identity
			.signText(RegistrationText.of(id(), this.username, this.url.toString(), timestamp));
		String body = "{\"peerId\":\"" + id() + "\",\"username\":\"" + this.username + "\",\"url\":\"" + this.url
				+ "\",\"publicKey\":\"" + this.identity.publicIdentity().encoded() + "\",\"timestamp\":\"" + timestamp
				+ "\",\"signature\":\"" + signature + "\"}";
		try (HttpClient http = HttpClient.newHttpClient()) {
			var request = HttpRequest.newBuilder(tracker.resolve("/peers"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build();
			return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
