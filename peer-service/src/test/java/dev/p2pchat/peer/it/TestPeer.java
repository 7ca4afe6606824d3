package dev.p2pchat.peer.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import dev.p2pchat.peer.PeerApplication;
import dev.p2pchat.peer.config.LocalPeer;
import dev.p2pchat.peer.mesh.Mesh;
import dev.p2pchat.peer.messaging.ChatEvent;
import dev.p2pchat.peer.messaging.ChatMessage;
import dev.p2pchat.peer.messaging.ChatService;
import dev.p2pchat.peer.tracker.Registration;

import static org.awaitility.Awaitility.await;

/**
 * A real peer-service in its own Spring context in this JVM, on a fixed free port, so
 * that it can be stopped and started again with the same port and peerId. Records the
 * messages it receives from others.
 */
final class TestPeer implements AutoCloseable {

	private final String username;

	private final int port;

	private final Map<String, Object> properties = new LinkedHashMap<>();

	private final List<ChatMessage> received = Collections.synchronizedList(new ArrayList<>());

	private final RestClient http;

	private ConfigurableApplicationContext context;

	private TestPeer(String username, URI tracker, Map<String, Object> extra) {
		this.username = username;
		this.port = TrackerProcess.freePort();
		this.properties.put("server.port", this.port);
		this.properties.put("server.address", "127.0.0.1");
		this.properties.put("p2pchat.peer.advertised-url", url().toString());
		this.properties.put("p2pchat.peer.username", username);
		this.properties.put("p2pchat.peer.data-dir", newDataDir(username));
		this.properties.put("p2pchat.peer.api-token", token(username));
		this.properties.put("p2pchat.peer.tracker-url", tracker.toString());
		this.properties.put("p2pchat.peer.renew-interval", "2s");
		this.properties.put("p2pchat.peer.link.ping-interval", "2s");
		this.properties.put("p2pchat.peer.backoff.max", "1s");
		this.properties.put("spring.main.banner-mode", "off");
		this.properties.putAll(extra);
		this.http = RestClient.builder()
			.baseUrl(url().toString())
			.defaultHeader("Authorization", "Bearer " + token(username))
			.defaultStatusHandler((status) -> true, (request, response) -> {
			})
			.build();
	}

	private static Path newDataDir(String username) {
		try {
			return Files.createTempDirectory("p2pchat-" + username + "-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The owner's token of the test peer of that name. */
	static String token(String username) {
		return "test-token-of-" + username;
	}

	/** This peer's owner token, for clients other than {@link #http()}. */
	String token() {
		return token(this.username);
	}

	static TestPeer start(String username, URI tracker, Map<String, Object> extra) {
		var peer = new TestPeer(username, tracker, extra);
		peer.start();
		return peer;
	}

	static TestPeer start(String username, URI tracker) {
		return start(username, tracker, Map.of());
	}

	void start() {
		String[] args = this.properties.entrySet()
			.stream()
			.map((property) -> "--" + property.getKey() + "=" + property.getValue())
			.toArray(String[]::new);
		this.received.clear();
		this.context = new SpringApplicationBuilder(PeerApplication.class).initializers(this::recordFromTheStart)
			.run(args);
		await().atMost(Duration.ofSeconds(15)).until(() -> bean(Registration.class).registered());
	}

	/**
	 * Subscribes before the context starts its lifecycle (registration, links): a
	 * restarted peer may receive queued messages while it is still starting.
	 */
	private void recordFromTheStart(ConfigurableApplicationContext context) {
		((GenericApplicationContext) context).registerBean("testPeerRecorder", SmartInitializingSingleton.class,
				() -> () -> {
					String self = context.getBean(LocalPeer.class).id();
					context.getBean(ChatService.class).subscribe((event) -> {
						if (event instanceof ChatEvent.Message message && !message.message().fromId().equals(self)) {
							this.received.add(message.message());
						}
					});
				});
	}

	void stop() {
		if (this.context != null) {
			this.context.close();
			this.context = null;
		}
	}

	@Override
	public void close() {
		stop();
	}

	String username() {
		return this.username;
	}

	String id() {
		return bean(LocalPeer.class).id();
	}

	URI url() {
		return URI.create("http://127.0.0.1:" + this.port);
	}

	ChatService chat() {
		return bean(ChatService.class);
	}

	Mesh mesh() {
		return bean(Mesh.class);
	}

	boolean registered() {
		return bean(Registration.class).registered();
	}

	/** A snapshot of the messages from other peers, in arrival order. */
	List<ChatMessage> received() {
		synchronized (this.received) {
			return List.copyOf(this.received);
		}
	}

	List<String> receivedTexts() {
		return received().stream().map(ChatMessage::text).toList();
	}

	RestClient http() {
		return this.http;
	}

	ResponseEntity<String> post(String path, String json) {
		return this.http.post()
			.uri(path)
			.header("Content-Type", "application/json")
			.body(json)
			.retrieve()
			.toEntity(String.class);
	}

	ResponseEntity<String> get(String path) {
		return this.http.get().uri(path).retrieve().toEntity(String.class);
	}

	<T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

}
