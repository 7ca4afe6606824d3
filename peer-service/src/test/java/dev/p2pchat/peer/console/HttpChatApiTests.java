package dev.p2pchat.peer.console;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import dev.p2pchat.peer.sse.SseEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link HttpChatApi} against a small real HTTP server on loopback that answers like the
 * peer (docs/api.md).
 */
class HttpChatApiTests {

	private final List<String> requests = new CopyOnWriteArrayList<>();

	private final List<String> authorizations = new CopyOnWriteArrayList<>();

	private HttpServer server;

	private HttpChatApi api;

	@BeforeEach
	void start() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/", this::answer);
		this.server.start();
		this.api = new HttpChatApi(URI.create("http://127.0.0.1:" + this.server.getAddress().getPort()),
				JsonMapper.builder().build(), "owner-token-0123456789");
	}

	@AfterEach
	void stop() {
		this.api.close();
		this.server.stop(0);
	}

	@Test
	void sendWhenPrivatePostsToAndTextAndReadsTheMessage() throws Exception {
		ApiViews.Message message = this.api.send("bob", "hi \"there\"");

		assertThat(this.requests).containsExactly("POST /messages {\"to\":\"bob\",\"text\":\"hi \\\"there\\\"\"}");
		assertThat(message)
			.isEqualTo(new ApiViews.Message("m1", "alice", "bob", "hi", Instant.parse("2026-11-25T10:00:00Z")));
	}

	@Test
	void historyWhenAskedForTheLastTwentyReadsThemWithTheirTimes() throws Exception {
		List<ApiViews.Message> history = this.api.history(20);

		assertThat(this.requests).containsExactly("GET /messages?limit=20");
		assertThat(history).containsExactly(
				new ApiViews.Message("m1", "bob", null, "hi", Instant.parse("2026-11-25T10:00:00.123456Z"), "p-bob"));
	}

	@Test
	void sendWhenBroadcastOmitsTo() throws Exception {
		this.api.send(null, "hello");

		assertThat(this.requests).containsExactly("POST /messages {\"text\":\"hello\"}");
	}

	@Test
	void sendWhenPeerAnswersProblemThrowsWithItsDetail() {
		assertThatThrownBy(() -> this.api.send("nobody", "hi")).isInstanceOfSatisfying(ApiException.class, (ex) -> {
			assertThat(ex.status()).isEqualTo(404);
			assertThat(ex.getMessage()).isEqualTo("no peer named nobody");
		});
	}

	@Test
	void renameWhenTakenThrowsConflictWithTitleWhenNoDetail() {
		assertThatThrownBy(() -> this.api.rename("bob")).isInstanceOfSatisfying(ApiException.class, (ex) -> {
			assertThat(ex.status()).isEqualTo(409);
			assertThat(ex.getMessage()).isEqualTo("Conflict");
		});
	}

	@Test
	void peersWhenFieldsUnknownToTheClientIgnoresThem() throws Exception {
		assertThat(this.api.peers()).containsExactly(new ApiViews.Peer("p-bob", "bob", "connected"));
	}

	@Test
	void meWhenErrorBodyIsNotJsonUsesTheStatus() {
		this.server.removeContext("/");
		this.server.createContext("/", (exchange) -> reply(exchange, 500, "text/plain", "boom"));

		assertThatThrownBy(() -> this.api.me()).hasMessage("HTTP 500");
	}

	@Test
	void followReadsEventsUntilTheStreamEnds() throws Exception {
		List<SseEvent> events = new CopyOnWriteArrayList<>();
		boolean[] opened = new boolean[1];

		this.api.follow(() -> opened[0] = true, events::add);

		assertThat(opened[0]).isTrue();
		// the stream's id carries over to the next event, as the SSE specification says
		assertThat(events).containsExactly(new SseEvent("joined", "{\"peerId\":\"p-bob\",\"username\":\"bob\"}", "1"),
				new SseEvent("left", "{\"peerId\":\"p-bob\",\"username\":\"bob\"}", "1"));
	}

	@Test
	void callsWhenMadeSendTheOwnersToken() throws Exception {
		this.api.send(null, "hello");
		this.api.peers();
		this.api.follow(() -> {
		}, (event) -> {
		});

		assertThat(this.authorizations).hasSize(3).containsOnly("Bearer owner-token-0123456789");
	}

	private void answer(HttpExchange exchange) throws IOException {
		this.authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
		String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
		String call = exchange.getRequestMethod() + " " + exchange.getRequestURI();
		this.requests.add((call + " " + body).strip());
		switch (call) {
			case "POST /messages" -> {
				if (body.contains("nobody")) {
					reply(exchange, 404, "application/problem+json",
							"{\"type\":\"urn:p2pchat:unknown-recipient\",\"title\":\"Not Found\",\"status\":404,\"detail\":\"no peer named nobody\"}");
				}
				else {
					reply(exchange, 202, "application/json",
							"{\"id\":\"m1\",\"from\":\"alice\",\"to\":\"bob\",\"text\":\"hi\",\"sentAt\":\"2026-11-25T10:00:00Z\"}");
				}
			}
			case "GET /messages?limit=20" -> reply(exchange, 200, "application/json",
					"[{\"id\":\"m1\",\"from\":\"bob\",\"to\":null,\"text\":\"hi\",\"sentAt\":\"2026-11-25T10:00:00.123456Z\",\"fromId\":\"p-bob\"}]");
			case "PUT /me" ->
				reply(exchange, 409, "application/problem+json", "{\"title\":\"Conflict\",\"status\":409}");
			case "GET /peers" -> reply(exchange, 200, "application/json",
					"[{\"peerId\":\"p-bob\",\"username\":\"bob\",\"url\":\"http://127.0.0.1:1\",\"link\":\"connected\",\"extra\":1}]");
			case "GET /messages/stream" -> reply(exchange, 200, "text/event-stream", """
					:keepalive

					id:1
					event:joined
					data:{"peerId":"p-bob","username":"bob"}

					event:left
					data:{"peerId":"p-bob","username":"bob"}

					""");
			default -> reply(exchange, 404, "application/problem+json", "{\"title\":\"Not Found\"}");
		}
	}

	private static void reply(HttpExchange exchange, int status, String type, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", type);
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

}
