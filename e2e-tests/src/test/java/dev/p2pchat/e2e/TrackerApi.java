package dev.p2pchat.e2e;

import java.net.URI;
import java.util.List;
import java.util.function.Supplier;

import dev.p2pchat.e2e.Wire.ListedPeer;
import tools.jackson.core.type.TypeReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The tracker's REST API as a user reads it. */
final class TrackerApi {

	private final Http http;

	TrackerApi(Supplier<URI> baseUri) {
		this.http = new Http(baseUri);
	}

	/** The usernames of the live peers, in the tracker's order (sorted by username). */
	List<String> usernames() {
		Http.Reply reply = this.http.get("/peers");
		assertThat(reply.status()).as("GET /peers: %s", reply).isEqualTo(200);
		return reply.as(new TypeReference<List<ListedPeer>>() {
		}).stream().map(ListedPeer::username).toList();
	}

	String health() {
		return this.http.health();
	}

}
