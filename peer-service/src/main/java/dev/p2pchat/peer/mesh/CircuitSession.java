package dev.p2pchat.peer.mesh;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import lombok.extern.slf4j.Slf4j;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketMessage;

import dev.p2pchat.link.frame.Frame;
import dev.p2pchat.link.frame.FrameCodec;

/**
 * One end of a relayed link seen as a Spring WebSocket session, so that the link protocol
 * runs over it exactly as over a direct link (handshake, sealed frames, acks): a binary
 * message sent becomes a {@link Frame.CircuitData} on the link to the relay, and one
 * received is handed to the handler. The handler is told of the close exactly once.
 * Thread-safe.
 */
@Slf4j
final class CircuitSession implements org.springframework.web.socket.WebSocketSession {

	private final String id = UUID.randomUUID().toString();

	private final PeerLink relay;

	private final long circuit;

	private final String otherEnd;

	private final WebSocketHandler handler;

	private final Map<String, Object> attributes = new ConcurrentHashMap<>();

	private final AtomicBoolean closed = new AtomicBoolean();

	private final Runnable forget;

	CircuitSession(PeerLink relay, long circuit, String otherEnd, WebSocketHandler handler, Runnable forget) {
		this.relay = relay;
		this.circuit = circuit;
		this.otherEnd = otherEnd;
		this.handler = handler;
		this.forget = forget;
	}

	/** The relay's peerId. */
	String via() {
		return this.relay.peerId();
	}

	PeerLink relay() {
		return this.relay;
	}

	String otherEnd() {
		return this.otherEnd;
	}

	/** The circuit opened end to end: the handler starts the link's handshake. */
	void opened() {
		try {
			this.handler.afterConnectionEstablished(this);
		}
		catch (Exception ex) {
			log.debug("starting the relayed link failed: {}", ex.toString());
			close(CloseStatus.SERVER_ERROR.withReason("could not start"));
		}
	}

	/** A message of the end-to-end link arrived through the relay. */
	void received(byte[] data) {
		if (this.closed.get()) {
			return;
		}
		try {
			this.handler.handleMessage(this, new BinaryMessage(ByteBuffer.wrap(data)));
		}
		catch (Exception ex) {
			log.debug("relayed frame handling failed: {}", ex.toString());
		}
	}

	/** The relay or the other end closed the circuit, or the link to the relay went. */
	void closed(CloseStatus status) {
		if (this.closed.compareAndSet(false, true)) {
			this.forget.run();
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
		if (this.closed.get() || !this.relay.isOpen()) {
			throw new IOException("relayed link closed");
		}
		if (!(message instanceof BinaryMessage binary)) {
			throw new IOException("a relayed link carries binary messages only");
		}
		ByteBuffer payload = binary.getPayload();
		byte[] data = new byte[payload.remaining()];
		payload.get(data);
		this.relay.send(FrameCodec.encode(new Frame.CircuitData(this.circuit, data)));
	}

	@Override
	public void close() {
		close(CloseStatus.NORMAL);
	}

	@Override
	public void close(CloseStatus status) {
		if (this.closed.get()) {
			return;
		}
		try {
			String reason = (status.getReason() != null) ? status.getReason() : "";
			this.relay.send(FrameCodec.encode(new Frame.CircuitClose(this.circuit, status.getCode() + " " + reason)));
		}
		catch (IOException | RuntimeException ex) {
			log.debug("circuit close not sent: {}", ex.toString());
		}
		closed(status);
	}

	@Override
	public boolean isOpen() {
		return !this.closed.get() && this.relay.isOpen();
	}

	@Override
	public String getId() {
		return this.id;
	}

	@Override
	public @Nullable URI getUri() {
		return null;
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

	/** None: a relayed link counts against no address (the relay's link already does). */
	@Override
	public @Nullable InetSocketAddress getRemoteAddress() {
		return null;
	}

	@Override
	public @Nullable String getAcceptedProtocol() {
		return null;
	}

	@Override
	public void setTextMessageSizeLimit(int messageSizeLimit) {
	}

	@Override
	public int getTextMessageSizeLimit() {
		return 0;
	}

	@Override
	public void setBinaryMessageSizeLimit(int messageSizeLimit) {
	}

	@Override
	public int getBinaryMessageSizeLimit() {
		return 0;
	}

	@Override
	public List<WebSocketExtension> getExtensions() {
		return List.of();
	}

	@Override
	public String toString() {
		return "circuit " + Long.toHexString(this.circuit) + " via " + this.relay;
	}

}
