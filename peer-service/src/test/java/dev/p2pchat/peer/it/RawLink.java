package dev.p2pchat.peer.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A hand-driven client of a peer's {@code /ws/peer}, for speaking (or breaking) the link
 * protocol from a test: records the text frames and the close it receives.
 */
final class RawLink implements WebSocket.Listener, AutoCloseable {

	private final HttpClient http = HttpClient.newHttpClient();

	private final List<String> texts = new CopyOnWriteArrayList<>();

	private final StringBuilder partial = new StringBuilder();

	private volatile int closeCode = -1;

	private volatile String closeReason = "";

	private WebSocket socket;

	static RawLink open(URI peerUrl) {
		var link = new RawLink();
		URI uri = URI.create(peerUrl.toString().replaceFirst("^http", "ws") + "/ws/peer");
		link.socket = link.http.newWebSocketBuilder().buildAsync(uri, link).join();
		return link;
	}

	void send(String text) {
		this.socket.sendText(text, true).join();
	}

	/**
	 * Sends a hello as the given peer, then the {@code since} frame that follows a
	 * handshake (holding nothing from the peer).
	 */
	void hello(String peerId, String username, URI url, String epoch) {
		send("{\"type\":\"hello\",\"version\":1,\"peerId\":\"" + peerId + "\",\"username\":\"" + username
				+ "\",\"url\":\"" + url + "\",\"epoch\":\"" + epoch + "\"}");
		send("{\"type\":\"since\",\"last\":null}");
	}

	List<String> texts() {
		return this.texts;
	}

	int closeCode() {
		return this.closeCode;
	}

	String closeReason() {
		return this.closeReason;
	}

	@Override
	public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
		this.partial.append(data);
		if (last) {
			this.texts.add(this.partial.toString());
			this.partial.setLength(0);
		}
		webSocket.request(1);
		return null;
	}

	@Override
	public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
		this.closeReason = reason;
		this.closeCode = statusCode;
		return null;
	}

	@Override
	public void close() {
		if (!this.socket.isOutputClosed()) {
			this.socket.abort();
		}
		this.http.shutdownNow();
	}

}
