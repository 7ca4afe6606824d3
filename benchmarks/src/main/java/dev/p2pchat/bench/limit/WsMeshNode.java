package dev.p2pchat.bench.limit;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import dev.p2pchat.bench.node.NodeAgent;
import dev.p2pchat.bench.node.Transport;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;

/**
 * The raw-WebSocket limit: one node of a minimal mesh. Node {@code i} serves {@code /ws}
 * on Tomcat and dials every node with a lower index with a plain JDK {@link WebSocket},
 * so each pair has exactly one link. A broadcast is one text frame per link; there is no
 * tracker, no JSON and no acknowledgement.
 */
public final class WsMeshNode implements Transport {

	private final List<WsLink> links = new CopyOnWriteArrayList<>();

	private volatile Consumer<String> listener = (text) -> {
	};

	/**
	 * Runs a node until the orchestrator closes the control connection.
	 * @param args index, comma-separated ports of all nodes, control port
	 * @throws Exception when the node cannot start or link
	 */
	public static void main(String[] args) throws Exception {
		int index = Integer.parseInt(args[0]);
		List<Integer> ports = Arrays.stream(args[1].split(",")).map(Integer::valueOf).toList();
		var node = new WsMeshNode();
		var server = EmbeddedTomcat.start(ports.get(index), (context) -> {
		});
		server.addEndpoint("/ws", node::serverEndpoint);
		var client = HttpClient.newHttpClient();
		for (int other = 0; other < index; other++) {
			node.dial(client, ports.get(other));
		}
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (node.links.size() < ports.size() - 1 && System.nanoTime() < deadline) {
			Thread.sleep(10);
		}
		new NodeAgent(index, node).serve(Integer.parseInt(args[2]));
		System.exit(0);
	}

	@Override
	public void broadcast(String text) throws InterruptedException {
		for (WsLink link : this.links) {
			link.enqueue(text);
		}
	}

	@Override
	public void onDelivered(Consumer<String> listener) {
		this.listener = listener;
	}

	private void dial(HttpClient client, int port) throws InterruptedException {
		URI uri = URI.create("ws://127.0.0.1:" + port + "/ws");
		for (int attempt = 0; attempt < 300; attempt++) {
			try {
				WebSocket socket = client.newWebSocketBuilder().buildAsync(uri, new ClientListener()).join();
				this.links.add(new WsLink("to-" + port, (text) -> socket.sendText(text, true).join()));
				return;
			}
			catch (RuntimeException ex) {
				Thread.sleep(100);
			}
		}
		throw new IllegalStateException("cannot link to " + uri);
	}

	private Endpoint serverEndpoint() {
		return new Endpoint() {
			@Override
			public void onOpen(Session session, EndpointConfig config) {
				session.addMessageHandler(String.class,
						(MessageHandler.Whole<String>) (text) -> WsMeshNode.this.listener.accept(text));
				WsMeshNode.this.links
					.add(new WsLink("from-" + session.getId(), (text) -> session.getBasicRemote().sendText(text)));
			}
		};
	}

	private final class ClientListener implements WebSocket.Listener {

		private final StringBuilder partial = new StringBuilder();

		@Override
		public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
			if (last && this.partial.isEmpty()) {
				WsMeshNode.this.listener.accept(data.toString());
			}
			else {
				this.partial.append(data);
				if (last) {
					WsMeshNode.this.listener.accept(this.partial.toString());
					this.partial.setLength(0);
				}
			}
			socket.request(1);
			return null;
		}

	}

}
