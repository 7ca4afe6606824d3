package dev.p2pchat.peer.mesh;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import lombok.extern.slf4j.Slf4j;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Guards the WebSocket upgrade of {@code /ws/peer}: refuses an upgrade carrying an
 * {@code Origin} header (a browser page must never link as a peer: 403), bounds the
 * upgrades one source address may start per second (429 with {@code Retry-After}), and
 * bounds the connections that have not authenticated yet, in all and per source address
 * (503 with {@code Retry-After}), so that a flood of half-open upgrades holds a bounded
 * number of sockets and buffers. A slot is released when its link authenticates or
 * closes; an authenticated link's message buffer grows then from the handshake's size
 * (the container's default) to the largest sealed frame. Thread-safe.
 */
@Slf4j
final class HandshakeGate implements HandshakeInterceptor {

	private static final String SLOT = "p2pchat.handshake-slot";

	private static final ThreadLocal<Map<String, Object>> UPGRADING = new ThreadLocal<>();

	private final int max;

	private final int maxPerAddress;

	private final AtomicInteger pending = new AtomicInteger();

	private final Map<InetAddress, AtomicInteger> perAddress = new ConcurrentHashMap<>();

	private final AtomicInteger refusals = new AtomicInteger();

	private final LinkMetrics metrics;

	private final UpgradeRate rate;

	private final int linkBufferSize;

	/**
	 * Creates the gate.
	 * @param max most unauthenticated connections in all
	 * @param maxPerAddress most of those from one address
	 * @param upgradesPerSecond most upgrades one address may start per second
	 * @param linkBufferSize the message buffer of an authenticated link
	 * @param clock for the upgrade rate
	 * @param metrics counts the refusals
	 */
	HandshakeGate(int max, int maxPerAddress, int upgradesPerSecond, int linkBufferSize, Clock clock,
			LinkMetrics metrics) {
		this.metrics = metrics;
		this.max = max;
		this.maxPerAddress = maxPerAddress;
		this.rate = new UpgradeRate(upgradesPerSecond, clock);
		this.linkBufferSize = linkBufferSize;
	}

	@Override
	public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
			Map<String, Object> attributes) {
		if (request.getHeaders().getOrigin() != null) {
			log.info("refused a link upgrade from a browser page (Origin header)");
			this.metrics.handshakeFailed(LinkMetrics.HandshakeFailure.FORBIDDEN);
			response.setStatusCode(HttpStatus.FORBIDDEN);
			return false;
		}
		InetSocketAddress remote = request.getRemoteAddress();
		InetAddress address = counted((remote != null) ? remote.getAddress() : InetAddress.getLoopbackAddress());
		if (!this.rate.admit(address)) {
			this.metrics.handshakeFailed(LinkMetrics.HandshakeFailure.RATE_LIMITED);
			response.setStatusCode(HttpStatus.TOO_MANY_REQUESTS);
			response.getHeaders().set("Retry-After", "1");
			return false;
		}
		if (!acquire(address)) {
			if (this.refusals.getAndIncrement() == 0) {
				log.warn("too many unauthenticated links (from {}): refusing upgrades with 503", address);
			}
			this.metrics.handshakeFailed(LinkMetrics.HandshakeFailure.TOO_MANY);
			response.setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
			response.getHeaders().set("Retry-After", "1");
			return false;
		}
		attributes.put(SLOT, address);
		UPGRADING.set(attributes);
		return true;
	}

	@Override
	public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
			@Nullable Exception exception) {
		// called on the thread that ran beforeHandshake; an upgrade that did not happen
		// (an exception, or a refusal such as 405 or 400 that Spring answers without one)
		// has no session whose close would release the slot
		Map<String, Object> attributes = UPGRADING.get();
		UPGRADING.remove();
		if (attributes != null && (exception != null || !upgraded(response))) {
			release(attributes);
		}
	}

	private static boolean upgraded(ServerHttpResponse response) {
		return response instanceof ServletServerHttpResponse servlet
				&& servlet.getServletResponse().getStatus() == HttpStatus.SWITCHING_PROTOCOLS.value();
	}

	/**
	 * The address a connection counts against: an IPv6 client by its /64, which one host
	 * usually holds whole.
	 */
	static InetAddress counted(InetAddress address) {
		if (address instanceof Inet6Address) {
			byte[] prefix = Arrays.copyOf(address.getAddress(), 16);
			Arrays.fill(prefix, 8, 16, (byte) 0);
			try {
				return InetAddress.getByAddress(prefix);
			}
			catch (UnknownHostException ex) {
				throw new IllegalStateException(ex);
			}
		}
		return address;
	}

	/** Unauthenticated connections held now. */
	int pending() {
		return this.pending.get();
	}

	/**
	 * The link authenticated or closed: its slot, if it held one, is free again, and an
	 * open link (it authenticated) gets the message buffer of a link.
	 */
	void release(WebSocketSession session) {
		if (release(session.getAttributes()) && session.isOpen()) {
			// Tomcat sizes the buffer again at the next message's first frame
			session.setBinaryMessageSizeLimit(this.linkBufferSize);
		}
	}

	private boolean release(Map<String, Object> attributes) {
		Object address = attributes.remove(SLOT);
		if (!(address instanceof InetAddress held)) {
			return false;
		}
		this.pending.decrementAndGet();
		this.perAddress.computeIfPresent(held, (key, count) -> (count.decrementAndGet() <= 0) ? null : count);
		if (this.pending.get() < this.max / 2 && this.refusals.get() > 0) {
			log.info("unauthenticated links back under the bound ({} refused meanwhile)", this.refusals.getAndSet(0));
		}
		return true;
	}

	private boolean acquire(InetAddress address) {
		if (this.pending.incrementAndGet() > this.max) {
			this.pending.decrementAndGet();
			return false;
		}
		var admitted = new boolean[1];
		this.perAddress.compute(address, (key, count) -> {
			AtomicInteger held = (count != null) ? count : new AtomicInteger();
			admitted[0] = held.incrementAndGet() <= this.maxPerAddress;
			if (!admitted[0]) {
				held.decrementAndGet();
			}
			return (held.get() == 0) ? null : held;
		});
		if (!admitted[0]) {
			this.pending.decrementAndGet();
		}
		return admitted[0];
	}

}
