package dev.p2pchat.peer.mesh;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocketHandshakeException;
import java.nio.channels.UnresolvedAddressException;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Counts dials that did not end in a link and handshakes this peer refused, each by a
 * reason from a small fixed set (never the reason's text, which the other side controls).
 * Every reason is registered at start, so each series is exported from the first scrape.
 */
final class LinkMetrics {

	/** Why a dial of another peer did not end in a link. */
	enum DialFailure {

		/** The connection was refused (nothing listens there). */
		REFUSED,
		/** The host is unknown or has no route. */
		UNREACHABLE,
		/** Connecting or upgrading took longer than the handshake timeout. */
		TIMEOUT,
		/** The upgrade was answered with an HTTP status (503 when busy, 403, 404...). */
		REJECTED,
		/**
		 * The link opened but its handshake failed or the link closed before it ended.
		 */
		HANDSHAKE,
		/** Anything else. */
		OTHER;

		String tag() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	/** Why this peer refused a handshake (as dialler or as acceptor). */
	enum HandshakeFailure {

		/** Not authenticated within the handshake timeout. */
		TIMEOUT,
		/** A handshake message did not verify (signature, key agreement, sealing). */
		BAD_SIGNATURE,
		/** The tracker does not list the authenticated peer. */
		NOT_LISTED,
		/**
		 * Key, name or URL disagree with the tracker's record or with the peer dialled.
		 */
		MISMATCH,
		/**
		 * Anything else against the protocol (text frame, wrong order, frame too big).
		 */
		PROTOCOL,
		/** The upgrade was refused with 503: too many unauthenticated links. */
		TOO_MANY,
		/** The upgrade was refused with 429: too many upgrades from one address. */
		RATE_LIMITED,
		/** The upgrade was refused with 403: it came from a browser page. */
		FORBIDDEN;

		String tag() {
			return name().toLowerCase(Locale.ROOT).replace('_', '-');
		}

	}

	private final Map<DialFailure, Counter> dials = new EnumMap<>(DialFailure.class);

	private final Map<HandshakeFailure, Counter> handshakes = new EnumMap<>(HandshakeFailure.class);

	LinkMetrics(MeterRegistry meters) {
		for (DialFailure reason : DialFailure.values()) {
			this.dials.put(reason,
					Counter.builder("p2pchat.links.dial.failures")
						.description("dials of another peer that did not end in a link, by reason")
						.tag("reason", reason.tag())
						.register(meters));
		}
		for (HandshakeFailure reason : HandshakeFailure.values()) {
			this.handshakes.put(reason,
					Counter.builder("p2pchat.links.handshake.failures")
						.description("link handshakes this peer refused, by reason")
						.tag("reason", reason.tag())
						.register(meters));
		}
	}

	void dialFailed(DialFailure reason) {
		this.dials.get(reason).increment();
	}

	void handshakeFailed(HandshakeFailure reason) {
		this.handshakes.get(reason).increment();
	}

	/** The reason a dial's connect or upgrade failed with {@code failure}. */
	static DialFailure dialFailure(@Nullable Throwable failure) {
		Throwable cause = failure;
		for (int depth = 0; cause != null && depth < 8; depth++, cause = cause.getCause()) {
			if (cause instanceof HttpTimeoutException || cause instanceof SocketTimeoutException) {
				return DialFailure.TIMEOUT;
			}
			if (cause instanceof ConnectException) {
				return DialFailure.REFUSED;
			}
			if (cause instanceof UnknownHostException || cause instanceof NoRouteToHostException
					|| cause instanceof UnresolvedAddressException) {
				return DialFailure.UNREACHABLE;
			}
			if (cause instanceof WebSocketHandshakeException) {
				return DialFailure.REJECTED;
			}
		}
		return DialFailure.OTHER;
	}

}
