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
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

/**
 * Counts dials that did not end in a link, handshakes this peer refused, frames and links
 * it refused from authenticated peers, and what links cost it, each by a reason from a
 * small fixed set (never the reason's text, which the other side controls). Every reason
 * is registered at start, so each series is exported from the first scrape.
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

	private final Map<FrameRefusal, Counter> frames = new EnumMap<>(FrameRefusal.class);

	private final Map<LinkAdmission.Refusal, Counter> refusedLinks = new EnumMap<>(LinkAdmission.Refusal.class);

	private final Counter evicted;

	private final DistributionSummary inboundBytes;

	private final Timer throttled;

	private final Counter catchUpServed;

	private final Counter catchUpSkipped;

	LinkMetrics(MeterRegistry meters) {
		for (FrameRefusal reason : FrameRefusal.values()) {
			this.frames.put(reason,
					Counter.builder("p2pchat.links.frames.refused")
						.description("authenticated links closed for a frame or message they sent, by reason")
						.tag("reason", reason.tag())
						.register(meters));
		}
		for (LinkAdmission.Refusal reason : LinkAdmission.Refusal.values()) {
			this.refusedLinks.put(reason,
					Counter.builder("p2pchat.links.refused")
						.description("authenticated links refused at their bound, by bound")
						.tag("reason", reason.tag())
						.register(meters));
		}
		this.evicted = Counter.builder("p2pchat.links.evicted")
			.description("strangers' links closed to make room for a peer this one has a conversation with")
			.register(meters);
		this.inboundBytes = DistributionSummary.builder("p2pchat.links.inbound.bytes")
			.description("bytes of each sealed frame received on an authenticated link")
			.baseUnit("bytes")
			.register(meters);
		this.throttled = Timer.builder("p2pchat.links.inbound.throttled")
			.description("waits of a link's reader that ran over its inbound budget")
			.register(meters);
		this.catchUpServed = Counter.builder("p2pchat.links.catchup.messages")
			.description("broadcasts served in catch-ups to newly linked peers")
			.register(meters);
		this.catchUpSkipped = Counter.builder("p2pchat.links.catchup.skipped")
			.description("catch-ups not served again to a peer that asked for the same one within the interval")
			.register(meters);
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

	void frameRefused(FrameRefusal reason) {
		this.frames.get(reason).increment();
	}

	void linkRefused(LinkAdmission.Refusal reason) {
		this.refusedLinks.get(reason).increment();
	}

	void evicted() {
		this.evicted.increment();
	}

	void received(long bytes) {
		this.inboundBytes.record(bytes);
	}

	void throttled(java.time.Duration wait) {
		this.throttled.record(wait);
	}

	void catchUp(int served) {
		if (served > 0) {
			this.catchUpServed.increment(served);
		}
		else {
			this.catchUpSkipped.increment();
		}
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
