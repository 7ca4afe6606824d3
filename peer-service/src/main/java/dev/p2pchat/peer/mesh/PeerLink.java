package dev.p2pchat.peer.mesh;

import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

import lombok.extern.slf4j.Slf4j;
import org.jspecify.annotations.Nullable;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

import dev.p2pchat.peer.tracker.KnownPeer;

/**
 * One WebSocket link to another peer, dialled by this peer ({@code dialed != null}) or
 * accepted. Every write goes through one lock because WebSocket sends are not
 * thread-safe; after the handshake, only the link's own sender thread writes (frames,
 * acks and pings), so the read path never waits for a write. Thread-safe.
 */
@Slf4j
final class PeerLink {

	private final WebSocketSession session;

	private final @Nullable KnownPeer dialed;

	private final Instant openedAt;

	private final ReentrantLock sendLock = new ReentrantLock();

	private volatile LinkFrame.@Nullable Hello remote;

	private volatile Instant lastHeard;

	private volatile boolean closed;

	private final AtomicBoolean finished = new AtomicBoolean();

	private volatile int generation;

	PeerLink(WebSocketSession session, @Nullable KnownPeer dialed, Instant openedAt) {
		this.session = session;
		this.dialed = dialed;
		this.openedAt = openedAt;
		this.lastHeard = openedAt;
	}

	@Nullable KnownPeer dialed() {
		return this.dialed;
	}

	Instant openedAt() {
		return this.openedAt;
	}

	/** The other side's hello, once the handshake is complete. */
	LinkFrame.@Nullable Hello remote() {
		return this.remote;
	}

	/** The other side's peerId; only after the handshake. */
	String peerId() {
		LinkFrame.Hello hello = this.remote;
		if (hello == null) {
			throw new IllegalStateException("handshake not complete");
		}
		return hello.peerId();
	}

	void established(LinkFrame.Hello hello, int generation) {
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

	boolean isOpen() {
		return !this.closed && this.session.isOpen();
	}

	void send(String text) throws IOException {
		this.sendLock.lock();
		try {
			this.session.sendMessage(new TextMessage(text));
		}
		finally {
			this.sendLock.unlock();
		}
	}

	/** True the first time only: the caller cleans up after the closed link. */
	boolean finish() {
		return this.finished.compareAndSet(false, true);
	}

	/** Closes the link once; later calls do nothing. */
	void close(CloseStatus status) {
		if (this.closed) {
			return;
		}
		this.closed = true;
		try {
			this.session.close(status);
		}
		catch (IOException | RuntimeException ex) {
			log.debug("closing {} failed: {}", this.session.getId(), ex.getMessage());
		}
	}

	@Override
	public String toString() {
		LinkFrame.Hello hello = this.remote;
		String who = (hello != null) ? hello.username() + " (" + hello.peerId() + ")"
				: (this.dialed != null) ? this.dialed.username() : "?";
		return "link " + this.session.getId() + " to " + who;
	}

}
