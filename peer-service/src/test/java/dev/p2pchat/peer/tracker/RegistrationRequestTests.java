package dev.p2pchat.peer.tracker;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.client.RestClient;

import dev.p2pchat.link.identity.Identity;
import dev.p2pchat.link.identity.PublicIdentity;

import static org.assertj.core.api.Assertions.assertThat;

class RegistrationRequestTests {

	private static final Instant NOW = Instant.parse("2026-12-01T10:00:00.123456Z");

	private final Identity identity = Identity.generate();

	private HttpServer server;

	@AfterEach
	void stop() {
		if (this.server != null) {
			this.server.stop(0);
		}
	}

	@Test
	void signWhenMadeSignsTheFixedTextWithTheIdentityKey() {
		var request = RegistrationRequest.sign(this.identity, "alice", URI.create("http://localhost:8081"), NOW);

		assertThat(request.peerId()).isEqualTo(this.identity.peerId());
		assertThat(request.timestamp()).isEqualTo("2026-12-01T10:00:00.123Z");
		PublicIdentity key = PublicIdentity.parse(request.publicKey());
		assertThat(key.peerId()).isEqualTo(request.peerId());
		assertThat(request.signature()).doesNotContain("=");
		byte[] signature = Base64.getUrlDecoder().decode(request.signature());
		String text = "p2pchat-register-v1\n" + request.peerId() + "\nalice\nhttp://localhost:8081\n"
				+ "2026-12-01T10:00:00.123Z";
		assertThat(key.verifies(text.getBytes(StandardCharsets.UTF_8), signature)).isTrue();
		assertThat(key.verifies(text.replace("alice", "bob").getBytes(StandardCharsets.UTF_8), signature)).isFalse();
	}

	@Test
	void registerWhenJoinTokenSetSendsItAndTheSignedFields() throws IOException {
		var body = new AtomicReference<String>();
		var authorization = new AtomicReference<String>();
		URI tracker = serve(body, authorization);
		var client = new TrackerClient(RestClient.builder(), TrackerUrls.parse(tracker, Clock.systemUTC()),
				Duration.ofSeconds(10), "s3cret-join");

		Lease lease = client
			.register(RegistrationRequest.sign(this.identity, "alice", URI.create("http://localhost:8081"), NOW));

		assertThat(lease.leaseToken()).isEqualTo("t");
		assertThat(authorization.get()).isEqualTo("Bearer s3cret-join");
		JsonNode sent = JsonMapper.builder().build().readTree(body.get());
		assertThat(sent.propertyNames()).containsExactlyInAnyOrder("peerId", "username", "url", "publicKey",
				"timestamp", "signature", "reachable");
		assertThat(sent.get("publicKey").asString()).isEqualTo(this.identity.publicIdentity().encoded());
		assertThat(sent.get("reachable").asBoolean()).isTrue();
	}

	@Test
	void registerWhenNoJoinTokenSendsNoAuthorization() throws IOException {
		var body = new AtomicReference<String>();
		var authorization = new AtomicReference<String>("unset");
		URI tracker = serve(body, authorization);
		var client = new TrackerClient(tracker, Duration.ofSeconds(10));

		client.register(RegistrationRequest.sign(this.identity, "alice", URI.create("http://localhost:8081"), NOW));

		assertThat(authorization.get()).isNull();
	}

	private URI serve(AtomicReference<String> body, AtomicReference<String> authorization) throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/peers", (exchange) -> {
			body.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
			authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
			byte[] answer = "{\"username\":\"alice\",\"leaseToken\":\"t\",\"leaseSeconds\":15}"
				.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(201, answer.length);
			exchange.getResponseBody().write(answer);
			exchange.close();
		});
		this.server.start();
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

}
