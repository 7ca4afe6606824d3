package dev.p2pchat.bench.node;

import java.util.function.Consumer;

import org.springframework.context.ApplicationContext;

import dev.p2pchat.peer.messaging.ChatEvent;
import dev.p2pchat.peer.messaging.ChatService;

/**
 * Adapts the peer's public in-process chat API ({@link ChatService}) to a
 * {@link Transport}: a broadcast is {@code send(null, text)}, a delivery is a
 * {@link ChatEvent.Message}. Compiled against peer-service's classes, which the peer's
 * own JVM provides at run time.
 */
final class PeerMeshTransport implements Transport {

	private final ChatService chat;

	private PeerMeshTransport(ChatService chat) {
		this.chat = chat;
	}

	static Transport from(ApplicationContext context) {
		return new PeerMeshTransport(context.getBean(ChatService.class));
	}

	@Override
	public void broadcast(String text) {
		this.chat.send(null, text);
	}

	@Override
	public void onDelivered(Consumer<String> listener) {
		this.chat.subscribe((event) -> {
			if (event instanceof ChatEvent.Message message) {
				listener.accept(message.message().text());
			}
		});
	}

}
