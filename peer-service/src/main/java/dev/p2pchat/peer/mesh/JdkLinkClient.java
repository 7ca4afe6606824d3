package dev.p2pchat.peer.mesh;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import lombok.extern.slf4j.Slf4j;
import org.jspecify.annotations.Nullable;

import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.client.WebSocketClient;

/**
 * Dials links with the JDK's {@code java.net.http.WebSocket} (it masks outgoing frames a
 * word at a time, where Tomcat's client does it byte by byte) and adapts it to Spring's
 * {@link WebSocketHandler}, so that dialled and accepted links share one handler. Frames
 * arrive whole or are assembled from parts up to the frame limits; a larger frame closes
 * the link with 1009. Listener callbacks run on virtual threads.
 */
@Slf4j
final class JdkLinkClient implements WebSocketClient {

	private static final Duration CLOSE_GRACE = Duration.ofSeconds(2);

	private final HttpClient http;

	private final int maxFrameChars;

	private final int maxFrameBytes;

	private final Duration connectTimeout;

	JdkLinkClient(int maxFrameChars, int maxFrameBytes, Duration connectTimeout) {
		this.maxFrameChars = maxFrameChars;
		this.maxFrameBytes = maxFrameBytes;
		this.connectTimeout = connectTimeout;
		this.http = HttpClient.newBuilder()
			.connectTimeout(connectTimeout)
			.executor(Executors.newVirtualThreadPerTaskExecutor())
			.build();
	}

	@Override
	public CompletableFuture<WebSocketSession> execute(WebSocketHandler handler, String uriTemplate,
			@Nullable Object... uriVariables) {
		return execute(handler, new WebSocketHttpHeaders(), URI.create(uriTemplate));
	}

	@Override
	public CompletableFuture<WebSocketSession> execute(WebSocketHandler handler, @Nullable WebSocketHttpHeaders headers,
			URI uri) {
		var session = new JdkLinkSession(uri, handler);
		return this.http.newWebSocketBuilder()
			.connectTimeout(this.connectTimeout)
			.buildAsync(uri, new Listener(session, handler))
			.thenApply((socket) -> session);
	}

	/** Aborts a socket whose close handshake did not finish in time. */
	static void closeSoon(WebSocket socket, CloseStatus status, Runnable closed) {
		String reason = (status.getReason() != null) ? status.getReason() : "";
		CompletableFuture<WebSocket> sent;
		try {
			sent = socket.sendClose(status.getCode(), reason);
		}
		catch (RuntimeException ex) {
			sent = CompletableFuture.failedFuture(ex);
		}
		sent.exceptionally((ex) -> null);
		CompletableFuture.delayedExecutor(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
			if (!socket.isInputClosed()) {
				socket.abort();
				closed.run();
			}
		});
	}

	private final class Listener implements WebSocket.Listener {

		private final JdkLinkSession session;

		private final WebSocketHandler handler;

		private final StringBuilder text = new StringBuilder();

		private java.nio.ByteBuffer binary = java.nio.ByteBuffer.allocate(0);

		Listener(JdkLinkSession session, WebSocketHandler handler) {
			this.session = session;
			this.handler = handler;
		}

		@Override
		public void onOpen(WebSocket socket) {
			this.session.opened(socket);
			try {
				this.handler.afterConnectionEstablished(this.session);
			}
			catch (Exception ex) {
				log.debug("link start failed: {}", ex.toString());
			}
			socket.request(1);
		}

		@Override
		public @Nullable CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
			this.text.append(data);
			if (this.text.length() > JdkLinkClient.this.maxFrameChars) {
				this.text.setLength(0);
				this.session.close(CloseStatus.TOO_BIG_TO_PROCESS.withReason("frame too big"));
				return null;
			}
			if (last) {
				String frame = this.text.toString();
				this.text.setLength(0);
				deliver(new TextMessage(frame));
			}
			socket.request(1);
			return null;
		}

		@Override
		public @Nullable CompletionStage<?> onBinary(WebSocket socket, java.nio.ByteBuffer data, boolean last) {
			if (last && this.binary.position() == 0) {
				// the usual case: a whole frame in one part, delivered without a copy
				deliver(new BinaryMessage(data, true));
				socket.request(1);
				return null;
			}
			if (this.binary.position() + data.remaining() > JdkLinkClient.this.maxFrameBytes) {
				this.binary = java.nio.ByteBuffer.allocate(0);
				this.session.close(CloseStatus.TOO_BIG_TO_PROCESS.withReason("frame too big"));
				return null;
			}
			if (this.binary.remaining() < data.remaining()) {
				int capacity = Math.max(this.binary.capacity() * 2, this.binary.position() + data.remaining());
				this.binary = java.nio.ByteBuffer.allocate(capacity).put(this.binary.flip());
			}
			this.binary.put(data);
			if (last) {
				java.nio.ByteBuffer frame = this.binary.flip();
				this.binary = java.nio.ByteBuffer.allocate(0);
				deliver(new BinaryMessage(frame, true));
			}
			socket.request(1);
			return null;
		}

		@Override
		public @Nullable CompletionStage<?> onPong(WebSocket socket, java.nio.ByteBuffer message) {
			deliver(new PongMessage(message));
			socket.request(1);
			return null;
		}

		@Override
		public @Nullable CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
			this.session.closed(new CloseStatus(statusCode, reason));
			return null;
		}

		@Override
		public void onError(WebSocket socket, Throwable error) {
			try {
				this.handler.handleTransportError(this.session, error);
			}
			catch (Exception ex) {
				log.debug("transport error handling failed: {}", ex.toString());
			}
			this.session.closed(CloseStatus.NO_CLOSE_FRAME);
		}

		private void deliver(org.springframework.web.socket.WebSocketMessage<?> message) {
			try {
				this.handler.handleMessage(this.session, message);
			}
			catch (Exception ex) {
				log.debug("link handler failed: {}", ex.toString());
			}
		}

	}

}
