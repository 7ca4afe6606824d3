package dev.p2pchat.bench.node;

import java.lang.reflect.Method;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationContext;

/**
 * Adapts the peer's public in-process chat API to a {@link Transport}: the bean named by
 * {@code -Dbench.api} (default {@code dev.p2pchat.peer.messaging.ChatService}) with
 * {@code send(String to, String text)} and {@code subscribe(Consumer<ChatEvent>)}, whose
 * {@code message()} events carry a message with {@code text()}. The benchmark is not
 * compiled against the peer, so the calls are reflective (resolved once).
 */
final class PeerMeshTransport implements Transport {

	static final String DEFAULT_API = "dev.p2pchat.peer.messaging.ChatService";

	private final Object api;

	private final Method send;

	private final Method subscribe;

	private PeerMeshTransport(Object api, Method send, Method subscribe) {
		this.api = api;
		this.send = send;
		this.subscribe = subscribe;
	}

	static Transport from(ApplicationContext context) throws ReflectiveOperationException {
		Class<?> type = Class.forName(System.getProperty("bench.api", DEFAULT_API), true, context.getClassLoader());
		Object api = context.getBean(type);
		return new PeerMeshTransport(api, type.getMethod("send", String.class, String.class),
				type.getMethod("subscribe", Consumer.class));
	}

	@Override
	public void broadcast(String text) throws ReflectiveOperationException {
		this.send.invoke(this.api, null, text);
	}

	@Override
	public void onDelivered(Consumer<String> listener) {
		Consumer<Object> events = new Consumer<>() {

			private @Nullable Method message;

			private @Nullable Method text;

			@Override
			public void accept(Object event) {
				if (!event.getClass().getSimpleName().equals("Message")) {
					return;
				}
				try {
					if (this.message == null) {
						this.message = event.getClass().getMethod("message");
						this.message.setAccessible(true);
					}
					Object chat = this.message.invoke(event);
					if (this.text == null) {
						this.text = chat.getClass().getMethod("text");
						this.text.setAccessible(true);
					}
					listener.accept((String) this.text.invoke(chat));
				}
				catch (ReflectiveOperationException ex) {
					throw new IllegalStateException("unexpected chat event " + event, ex);
				}
			}

		};
		try {
			this.subscribe.invoke(this.api, events);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("cannot subscribe to " + this.api, ex);
		}
	}

}
