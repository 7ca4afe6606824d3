package dev.p2pchat.e2e;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import dev.p2pchat.e2e.Wire.ChatMessage;
import dev.p2pchat.e2e.Wire.LinkedPeer;
import dev.p2pchat.e2e.Wire.MessageStatus;
import tools.jackson.core.type.TypeReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A peer's REST API as a user drives it with curl; each call asserts the documented
 * status.
 */
final class PeerApi {

	private final Http http;

	PeerApi(Supplier<URI> baseUri, String token) {
		this.http = new Http(baseUri, token);
	}

	ChatMessage broadcast(String text) {
		return accepted(this.http.post("/messages", Map.of("text", text)));
	}

	ChatMessage sendTo(String username, String text) {
		return accepted(this.http.post("/messages", Map.of("to", username, "text", text)));
	}

	private static ChatMessage accepted(Http.Reply reply) {
		assertThat(reply.status()).as("POST /messages: %s", reply).isEqualTo(202);
		return reply.as(ChatMessage.class);
	}

	/** This peer's history, oldest first. */
	List<ChatMessage> messages() {
		Http.Reply reply = this.http.get("/messages?limit=1000");
		assertThat(reply.status()).as("GET /messages: %s", reply).isEqualTo(200);
		return reply.as(new TypeReference<List<ChatMessage>>() {
		});
	}

	/** The texts of this peer's history that contain the marker, oldest first. */
	List<String> textsContaining(String marker) {
		return messages().stream().map(ChatMessage::text).filter((text) -> text.contains(marker)).toList();
	}

	MessageStatus status(ChatMessage message) {
		Http.Reply reply = this.http.get("/messages/" + message.id());
		assertThat(reply.status()).as("GET /messages/{id}: %s", reply).isEqualTo(200);
		return reply.as(MessageStatus.class);
	}

	List<LinkedPeer> peers() {
		Http.Reply reply = this.http.get("/peers");
		assertThat(reply.status()).as("GET /peers: %s", reply).isEqualTo(200);
		return reply.as(new TypeReference<List<LinkedPeer>>() {
		});
	}

	/** The usernames of the peers this one is linked to. */
	List<String> connectedUsernames() {
		return peers().stream().filter((peer) -> "connected".equals(peer.link())).map(LinkedPeer::username).toList();
	}

	Wire.Me rename(String username) {
		Http.Reply reply = this.http.put("/me", Map.of("username", username));
		assertThat(reply.status()).as("PUT /me: %s", reply).isEqualTo(200);
		return reply.as(Wire.Me.class);
	}

	String health() {
		return this.http.health();
	}

}
