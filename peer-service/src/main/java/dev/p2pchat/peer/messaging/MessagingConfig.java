package dev.p2pchat.peer.messaging;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import lombok.extern.slf4j.Slf4j;
import io.micrometer.core.instrument.Timer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.p2pchat.peer.config.DataDirectory;
import dev.p2pchat.peer.config.LocalPeer;
import dev.p2pchat.peer.config.PeerProperties;
import dev.p2pchat.peer.mesh.DeliveryTicket;
import dev.p2pchat.peer.mesh.Mesh;
import dev.p2pchat.peer.store.Journal;
import dev.p2pchat.peer.tracker.NameBindings;
import dev.p2pchat.peer.tracker.PeerDirectory;

/**
 * Wires the chat service on top of the mesh and the directory, with its metrics, and the
 * history it reads back from the data directory.
 */
@Slf4j
@Configuration(proxyBeanMethods = false)
class MessagingConfig {

	/** Received ids remembered for de-duplication. */
	private static final int DEDUP_WINDOW = 65_536;

	/** The history read back from the data directory, with the store it goes on in. */
	record StoredHistory(HistoryStore store, List<LoggedMessage> messages) implements AutoCloseable {

		@Override
		public void close() {
			this.store.close();
		}

	}

	@Bean
	StoredHistory storedHistory(DataDirectory dataDirectory, PeerProperties properties) {
		var restored = new LinkedHashMap<UUID, LoggedMessage>();
		var settings = new Journal.Settings(properties.store().sync(), properties.store().syncInterval());
		HistoryStore store = HistoryStore.open(dataDirectory.resolve("history"), settings, historyBound(properties),
				restored);
		return new StoredHistory(store, List.copyOf(restored.values()));
	}

	@Bean
	TypingRelay typingRelay(LocalPeer self, PeerDirectory directory, NameBindings names, Mesh mesh, Clock clock) {
		return new TypingRelay(self, directory, names, mesh, clock);
	}

	@Bean
	ChatEvents chatEvents(NameBindings names) {
		var events = new ChatEvents();
		names.addListener((change) -> events
			.publish(new ChatEvent.KeyChanged(change.username(), change.oldPeerId(), change.newPeerId())));
		return events;
	}

	@Bean
	MessageLog messageLog(PeerProperties properties, StoredHistory stored) {
		return new MessageLog(historyBound(properties), stored.store(), stored.messages());
	}

	@Bean
	Dedup dedup() {
		return new Dedup(DEDUP_WINDOW);
	}

	/** What the mesh delivers: the mesh is built with it, so it needs no mesh itself. */
	@Bean
	MeshEvents meshEvents(LocalPeer self, PeerDirectory directory, MessageLog history, Dedup dedup, ChatEvents events,
			Clock clock, PeerProperties properties, MeterRegistry meters) {
		var rules = new ReceivedMessages.Rules(properties.maxTextLength(), properties.limits().maxClockSkew(),
				properties.limits().maxMessageAge());
		return new MeshEvents(self, directory, history, dedup, events,
				counter(meters, "p2pchat.messages.received", "messages received from other peers"),
				new TypingNotices(self, directory, events, clock), new ReceivedMessages(self, directory, clock, rules));
	}

	@Bean
	ChatService chatService(LocalPeer self, PeerDirectory directory, NameBindings names, Mesh mesh, Clock clock,
			PeerProperties properties, MeterRegistry meters, MessageLog history, Dedup dedup, ChatEvents events) {
		var receipts = new Receipts(events, history,
				counter(meters, "p2pchat.messages.failed", "message deliveries marked failed, per recipient"),
				Timer.builder("p2pchat.messages.delivery")
					.description("time from sending a message to its recipient's acknowledgement, per recipient")
					.publishPercentileHistogram()
					.register(meters),
				meters.config().clock());
		directory.addListener(new PeerEvents(mesh, events));
		resume(self, mesh, history, dedup, receipts);
		return new ChatService(self, directory, names, mesh, history, events, receipts, clock,
				properties.maxTextLength(),
				counter(meters, "p2pchat.messages.sent", "messages accepted for sending by this peer"));
	}

	/**
	 * Picks up where the previous run stopped: received ids are remembered as seen, and
	 * every message still pending for a recipient goes back into its outbox, in order.
	 */
	private static void resume(LocalPeer self, Mesh mesh, MessageLog history, Dedup dedup, Receipts receipts) {
		int queued = 0;
		for (LoggedMessage logged : history.all()) {
			ChatMessage message = logged.message();
			if (!message.fromId().equals(self.id())) {
				dedup.firstTime(message.fromId(), message.id());
				continue;
			}
			List<String> pending = new ArrayList<>();
			for (Recipient recipient : logged.recipients()) {
				if (recipient.state() == DeliveryState.PENDING) {
					pending.add(recipient.peerId());
				}
			}
			if (!pending.isEmpty()) {
				ChatService.sendToEach(mesh, message, pending, receipts.ticketFor(logged));
				queued += pending.size();
			}
		}
		if (queued > 0) {
			log.info("{} message(s) still pending from the previous run queued again", queued);
		}
	}

	private static HistoryBound historyBound(PeerProperties properties) {
		return new HistoryBound(properties.historySize(), properties.historyMaxBytes().toBytes());
	}

	private static Counter counter(MeterRegistry meters, String name, String description) {
		return Counter.builder(name).description(description).register(meters);
	}

}
