package dev.p2pchat.peer.messaging;

import java.time.Clock;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.p2pchat.peer.config.LocalPeer;
import dev.p2pchat.peer.config.PeerProperties;
import dev.p2pchat.peer.mesh.Mesh;
import dev.p2pchat.peer.tracker.PeerDirectory;

/**
 * Wires the chat service on top of the mesh and the directory, with its metrics.
 */
@Configuration(proxyBeanMethods = false)
class MessagingConfig {

	/** Received ids remembered for de-duplication. */
	private static final int DEDUP_WINDOW = 65_536;

	@Bean
	ChatService chatService(LocalPeer self, PeerDirectory directory, Mesh mesh, JsonMapper json, Clock clock,
			PeerProperties properties, MeterRegistry meters) {
		var history = new MessageLog(properties.historySize());
		var events = new ChatEvents();
		var listener = new MeshEvents(self, directory, mesh, json, history, new Dedup(DEDUP_WINDOW), events,
				counter(meters, "p2pchat.messages.received", "messages received from other peers"));
		var receipts = new Receipts(events,
				counter(meters, "p2pchat.messages.failed", "message deliveries marked failed, per recipient"),
				Timer.builder("p2pchat.messages.delivery")
					.description("time from sending a message to its recipient's acknowledgement, per recipient")
					.publishPercentileHistogram()
					.register(meters),
				meters.config().clock());
		mesh.setListener(listener);
		directory.addListener(listener);
		return new ChatService(self, directory, mesh, json, history, events, receipts, clock,
				properties.maxTextLength(),
				counter(meters, "p2pchat.messages.sent", "messages accepted for sending by this peer"));
	}

	private static Counter counter(MeterRegistry meters, String name, String description) {
		return Counter.builder(name).description(description).register(meters);
	}

}
