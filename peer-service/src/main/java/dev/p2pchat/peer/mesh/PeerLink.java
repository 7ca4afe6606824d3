package dev.p2pchat.peer.mesh;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.websocket.CloseReason;
import lombok.extern.slf4j.Slf4j;
import org.apache.tomcat.websocket.WsSession;
import org.jspecify.annotations.Nullable;

import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;

import dev.p2pchat.link.frame.Frame;
import dev.p2pchat.link.handshake.FrameOpener;
import dev.p2pchat.link.handshake.FrameSealer;
import dev.p2pchat.link.handshake.LinkHandshake;
import dev.p2pchat.link.handshake.SealException;
import dev.p2pchat.peer.tracker.KnownPeer;

/**
 * One WebSocket link to another peer, dialled by this peer ({@code dialed != null}) or
 * accepted: its handshake state, then its frame keys. Every write goes through one lock
 * because WebSocket sends are not thread-safe, and frames are sealed under it so that
 * their counters follow the order they are sent in; after the handshake, only the link's
 * own sender thread writes (frames, acks and pings), so the read path never waits for a
 * write. Thread-safe.
 */
@Slf4j
final class PeerLink {

	/**
	 * How long a close waits for a frame being written (a stuck write is not waited for).
	 */
	private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);

	private final WebSocketSession session;

	private final @Nullable KnownPeer dialed;

	private final DialOutcomes outcomes;

	/** The {@code since} the peer sends first on an established link. */
	private final CompletableFuture<Frame.Since> theirSince = new CompletableFuture<>();

	private final Instant openedAt;

	private final ReentrantLock sendLock = new ReentrantLock();

	private volatile @Nullable RemotePeer remote;

	private volatile Instant lastHeard;

	private volatile boolean closed;

	private final AtomicBoolean finished = new AtomicBoolean();

	private volatile int generation;

	private volatile @Nullable LinkHandshake handshake;

	private volatile @Nullable FrameSealer sealer;

	private volatile @Nullable FrameOpener opener;

	private volatile int handshakeStep;

	/** When the last batch or catch-up arrived; {@code null} before the first. */
	private volatile @Nullable Instant lastActive;

	/** The source address this link counts against (accepted, admitted links only). */
	private final AtomicReference<@Nullable InetAddress> countedAddress = new AtomicReference<>();

	private volatile @Nullable InboundBudget budget;

	PeerLink(WebSocketSession session, @Nullable KnownPeer dialed, DialOutcomes outcomes, Instant openedAt) {
		this.session = session;
		this.dialed = dialed;
		this.outcomes = outcomes;
		this.openedAt = openedAt;
		this.lastHeard = openedAt;
	}

	WebSocketSession session() {
		return this.session;
	}

	@Nullable KnownPeer dialed() {
		return this.dialed;
	}

	/** Who is told what becomes of this link. */
	DialOutcomes outcomes() {
		return this.outcomes;
	}

	/** Completed when the peer's {@code since} arrives. */
	CompletableFuture<Frame.Since> theirSince() {
		return this.theirSince;
	}

	Instant openedAt() {
		return this.openedAt;
	}

	/** The other side, once the handshake is complete. */
	@Nullable RemotePeer remote() {
		return this.remote;
	}

	/** The other side's peerId; only after the handshake. */
	String peerId() {
		RemotePeer hello = this.remote;
		if (hello == null) {
			throw new IllegalStateException("handshake not complete");
		}
		return hello.peerId();
	}

	void established(RemotePeer hello, int generation) {
		this.remote = hello;
		this.generation = generation;
	}

	int generation() {
		return this.generation;
	}

	Instant lastHeard() {
		return this.lastHeard;
	}

	void heard(Instant now) {
		this.lastHeard = now;
	}

	@Nullable Instant lastActive() {
		return this.lastActive;
	}

	void active(Instant now) {
		this.lastActive = now;
	}

	/** True when the address was not counted yet for this link. */
	boolean countAddress(InetAddress address) {
		return this.countedAddress.compareAndSet(null, address);
	}

	/** The address this link counted against, once; {@code null} afterwards. */
	@Nullable InetAddress uncountAddress() {
		return this.countedAddress.getAndSet(null);
	}

	@Nullable InboundBudget budget() {
		return this.budget;
	}

	void budget(InboundBudget budget) {
		this.budget = budget;
	}

	boolean isOpen() {
		return !this.closed && this.session.isOpen();
	}

	/**
	 * Sends a frame's plaintext ({@link dev.p2pchat.link.frame.FrameCodec}), sealed with
	 * this link's key.
	 * @throws IllegalStateException before the handshake completed
	 */
	void send(byte[] plain) throws IOException {
		FrameSealer frameSealer = this.sealer;
		if (frameSealer == null) {
			throw new IllegalStateException("handshake not complete");
		}
		this.sendLock.lock();
		try {
			this.session.sendMessage(new BinaryMessage(frameSealer.seal(plain)));
		}
		finally {
			this.sendLock.unlock();
		}
	}

	/** Sends a handshake message, as it is. */
	void sendHandshake(byte[] message) throws IOException {
		this.sendLock.lock();
		try {
			this.session.sendMessage(new BinaryMessage(message));
		}
		finally {
			this.sendLock.unlock();
		}
	}

	/** This side of the handshake, until it completes. */
	@Nullable LinkHandshake handshake() {
		return this.handshake;
	}

	void handshake(LinkHandshake handshake) {
		this.handshake = handshake;
	}

	/**
	 * The handshake completed: from now on frames are sealed and opened with its keys.
	 */
	void secured(LinkHandshake.Session keys) {
		this.opener = keys.opener();
		this.sealer = keys.sealer();
		this.handshake = null;
	}

	/** Opens the next received frame. */
	byte[] open(ByteBuffer sealed) throws SealException {
		FrameOpener frameOpener = this.opener;
		if (frameOpener == null) {
			throw new SealException("handshake not complete");
		}
		return frameOpener.open(sealed);
	}

	/** How many handshake messages this side has received. */
	int handshakeStep() {
		return this.handshakeStep;
	}

	void nextHandshakeStep() {
		this.handshakeStep++;
	}

	/**
	 * Closes the link and its connection at once, without waiting for the other side's
	 * close frame: for a connection that never authenticated (a timeout, a refusal),
	 * which must not hold a socket and buffers for the container's close timeout.
	 */
	void abort(CloseStatus status) {
		try {
			if (this.session instanceof NativeWebSocketSession container
					&& container.getNativeSession() instanceof WsSession tomcat) {
				// a plain close would wait for the other side's close frame for Tomcat's
				// session close timeout (30 s): send ours and drop the socket at once
				this.closed = true;
				var reason = new CloseReason(CloseReason.CloseCodes.getCloseCode(status.getCode()),
						(status.getReason() != null) ? status.getReason() : "");
				tomcat.doClose(reason, reason, true);
			}
			else if (this.session instanceof JdkLinkSession dialled) {
				this.closed = true;
				dialled.abort(status);
			}
			else {
				close(status);
			}
		}
		catch (RuntimeException ex) {
			log.debug("aborting {} failed: {}", this.session.getId(), ex.getMessage());
		}
	}

	/** True the first time only: the caller cleans up after the closed link. */
	boolean finish() {
		return this.finished.compareAndSet(false, true);
	}

	/**
	 * Closes the link once; later calls do nothing. The close frame waits (a moment) for
	 * a frame being written: written in the middle of one, Tomcat would drop the
	 * connection instead, and the other side would see 1006 rather than the reason.
	 */
	void close(CloseStatus status) {
		if (this.closed) {
			return;
		}
		this.closed = true;
		boolean locked = false;
		try {
			locked = this.sendLock.tryLock(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
			this.session.close(status);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			closeQuietly(status);
		}
		catch (IOException | RuntimeException ex) {
			log.debug("closing {} failed: {}", this.session.getId(), ex.getMessage());
		}
		finally {
			if (locked) {
				this.sendLock.unlock();
			}
		}
	}

	private void closeQuietly(CloseStatus status) {
		try {
			this.session.close(status);
		}
		catch (IOException | RuntimeException ex) {
			log.debug("closing {} failed: {}", this.session.getId(), ex.getMessage());
		}
	}

	@Override
	public String toString() {
		RemotePeer hello = this.remote;
		String who = (hello != null) ? hello.username() + " (" + hello.peerId() + ")"
				: (this.dialed != null) ? this.dialed.username() : "?";
		return "link " + this.session.getId() + " to " + who;
	}

}
