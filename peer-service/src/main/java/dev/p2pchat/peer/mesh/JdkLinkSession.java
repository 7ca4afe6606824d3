package dev.p2pchat.peer.mesh;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.WebSocket;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

import lombok.extern.slf4j.Slf4j;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * A dialled link's JDK WebSocket seen as a Spring {@link WebSocketSession}. Sends block
 * until the JDK has written the frame (callers serialise them, as the JDK allows one
 * outstanding send). The handler is told of the close exactly once.
 */
@Slf4j
final class JdkLinkSession implements WebSocketSession {

	private final String id = UUID.randomUUID().toString();

	private final URI uri;

	private final WebSocketHandler handler;

	private final Map<String, Object> attributes = new ConcurrentHashMap<>();

	private final AtomicBoolean closed = new AtomicBoolean();

	private volatile @Nullable WebSocket socket;

	private int textLimit;

	private int binaryLimit;

	JdkLinkSession(URI uri, WebSocketHandler handler) {
		this.uri = uri;
		this.handler = handler;
	}

	void opened(WebSocket socket) {
		this.socket = socket;
	}

	/** The link closed: tells the handler, once. */
	void closed(CloseStatus status) {
		if (this.closed.compareAndSet(false, true)) {
			try {
				this.handler.afterConnectionClosed(this, status);
			}
			catch (Exception ex) {
				log.debug("close handling failed: {}", ex.toString());
			}
		}
	}

	@Override
	public void sendMessage(WebSocketMessage<?> message) throws IOException {
		WebSocket current = this.socket;
		if (current == null || this.closed.get()) {
			throw new IOException("link closed");
		}
		try {
			switch (message) {
				case TextMessage text -> current.sendText(text.getPayload(), true).get();
				case BinaryMessage binary -> current.sendBinary(binary.getPayload(), true).get();
				case PingMessage ping -> current.sendPing(ping.getPayload()).get();
				case PongMessage pong -> current.sendPong(pong.getPayload()).get();
				default -> throw new IOException("unsupported message " + message);
			}
		}
		catch (ExecutionException | IllegalStateException ex) {
			throw new IOException("send failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted while sending", ex);
		}
	}

	@Override
	public void close() {
		close(CloseStatus.NORMAL);
	}

	@Override
	public void close(CloseStatus status) {
		WebSocket current = this.socket;
		if (current == null || this.closed.get()) {
			return;
		}
		JdkLinkClient.closeSoon(current, status, () -> closed(status));
	}

	/** Drops the connection at once, without a close handshake. */
	void abort(CloseStatus status) {
		WebSocket current = this.socket;
		if (current != null) {
			current.abort();
		}
		closed(status);
	}

	@Override
	public boolean isOpen() {
		WebSocket current = this.socket;
		return current != null && !this.closed.get() && !current.isOutputClosed();
	}

	@Override
	public String getId() {
		return this.id;
	}

	@Override
	public URI getUri() {
		return this.uri;
	}

	@Override
	public HttpHeaders getHandshakeHeaders() {
		return new HttpHeaders();
	}

	@Override
	public Map<String, Object> getAttributes() {
		return this.attributes;
	}

	@Override
	public @Nullable Principal getPrincipal() {
		return null;
	}

	@Override
	public @Nullable InetSocketAddress getLocalAddress() {
		return null;
	}

	@Override
	public @Nullable InetSocketAddress getRemoteAddress() {
		return null;
	}

	@Override
	public @Nullable String getAcceptedProtocol() {
		WebSocket current = this.socket;
		return (current != null) ? current.getSubprotocol() : null;
	}

	@Override
	public void setTextMessageSizeLimit(int messageSizeLimit) {
		this.textLimit = messageSizeLimit;
	}

	@Override
	public int getTextMessageSizeLimit() {
		return this.textLimit;
	}

	@Override
	public void setBinaryMessageSizeLimit(int messageSizeLimit) {
		this.binaryLimit = messageSizeLimit;
	}

	@Override
	public int getBinaryMessageSizeLimit() {
		return this.binaryLimit;
	}

	@Override
	public List<WebSocketExtension> getExtensions() {
		return List.of();
	}

}
