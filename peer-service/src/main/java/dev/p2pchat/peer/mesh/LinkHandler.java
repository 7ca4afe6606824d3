package dev.p2pchat.peer.mesh;

import java.time.Clock;

import lombok.extern.slf4j.Slf4j;
import org.jspecify.annotations.Nullable;

import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;

import dev.p2pchat.peer.tracker.KnownPeer;

/**
 * Adapts WebSocket callbacks of one side of {@code /ws/peer} to the {@link LinkSession}:
 * the accepting endpoint ({@code dialed == null}) or one dial. Lets no exception escape.
 */
@Slf4j
final class LinkHandler extends AbstractWebSocketHandler {

	private static final String LINK = "p2pchat.link";

	private final LinkSession protocol;

	private final Clock clock;

	private final @Nullable KnownPeer dialed;

	private final DialOutcomes outcomes;

	LinkHandler(LinkSession protocol, Clock clock, @Nullable KnownPeer dialed, DialOutcomes outcomes) {
		this.protocol = protocol;
		this.clock = clock;
		this.dialed = dialed;
		this.outcomes = outcomes;
	}

	@Override
	public void afterConnectionEstablished(WebSocketSession session) {
		var link = new PeerLink(session, this.dialed, this.outcomes, this.clock.instant());
		session.getAttributes().put(LINK, link);
		try {
			this.protocol.opened(link);
		}
		catch (Exception ex) {
			log.info("could not start {}: {}", link, ex.toString());
			link.close(CloseStatus.SERVER_ERROR.withReason("could not start the handshake"));
		}
	}

	@Override
	protected void handleTextMessage(WebSocketSession session, TextMessage message) {
		PeerLink link = link(session);
		if (link != null) {
			this.protocol.text(link);
		}
	}

	@Override
	protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) {
		PeerLink link = link(session);
		if (link != null) {
			this.protocol.binary(link, message.getPayload());
		}
	}

	@Override
	protected void handlePongMessage(WebSocketSession session, PongMessage message) {
		PeerLink link = link(session);
		if (link != null) {
			link.heard(this.clock.instant());
		}
	}

	@Override
	public void handleTransportError(WebSocketSession session, Throwable exception) {
		log.debug("transport error on {}: {}", session.getId(), exception.toString());
	}

	@Override
	public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
		PeerLink link = link(session);
		if (link != null) {
			try {
				link.close(status);
				this.protocol.closed(link, status);
			}
			catch (RuntimeException ex) {
				log.warn("cleaning up after {} failed", link, ex);
			}
		}
	}

	private static @Nullable PeerLink link(WebSocketSession session) {
		return (PeerLink) session.getAttributes().get(LINK);
	}

}
