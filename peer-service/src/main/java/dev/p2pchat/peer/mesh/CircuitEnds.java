package dev.p2pchat.peer.mesh;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import lombok.extern.slf4j.Slf4j;
import org.jspecify.annotations.Nullable;

import org.springframework.web.socket.CloseStatus;

import dev.p2pchat.link.frame.Frame;
import dev.p2pchat.link.frame.FrameCodec;
import dev.p2pchat.peer.config.LocalPeer;
import dev.p2pchat.peer.tracker.KnownPeer;
import dev.p2pchat.peer.tracker.PeerDirectory;

/**
 * This peer's ends of relayed links: opens circuits through a relay, answers circuits
 * that a relay brings, and runs the link protocol over each as over any link (a
 * {@link CircuitSession} under a {@link LinkHandler}). Thread-safe.
 */
@Slf4j
final class CircuitEnds {

	/** A circuit, by the link to the relay and the number it has on that link. */
	record Key(PeerLink relay, long circuit) {
	}

	/** An open sent, not answered yet. */
	private record Pending(KnownPeer target, Consumer<String> failed) {
	}

	/** A relay that brings more circuits than this at once is refused. */
	private final int maxEnds;

	private final LocalPeer self;

	private final PeerDirectory directory;

	private final Clock clock;

	private final Duration timeout;

	private final Map<Key, Pending> pending = new ConcurrentHashMap<>();

	private final Map<Key, CircuitSession> sessions = new ConcurrentHashMap<>();

	private final LinkSession protocol;

	/** Told of the opened links' fate (the {@link Dialer}). */
	private volatile DialOutcomes outcomes = new DialOutcomes() {
		@Override
		public void linked(String peerId) {
		}

		@Override
		public void lost(String peerId) {
		}

		@Override
		public void failed(String peerId, String reason) {
		}
	};

	void outcomes(DialOutcomes dialer) {
		this.outcomes = dialer;
	}

	CircuitEnds(int maxEnds, LocalPeer self, PeerDirectory directory, LinkSession protocol, Clock clock,
			Duration timeout) {
		this.maxEnds = maxEnds;
		this.self = self;
		this.directory = directory;
		this.protocol = protocol;
		this.clock = clock;
		this.timeout = timeout;
	}

	/**
	 * Asks the relay for a circuit to the peer; the link protocol takes over when it
	 * opens. {@code failed} is told (once) when the relay refuses, does not answer within
	 * the handshake timeout, or its link goes first.
	 */
	void open(KnownPeer target, PeerLink relay, Consumer<String> failed) {
		var key = new Key(relay, ThreadLocalRandom.current().nextLong());
		this.pending.put(key, new Pending(target, failed));
		try {
			relay.send(FrameCodec.encode(new Frame.CircuitOpen(key.circuit(), this.self.id(), target.peerId())));
		}
		catch (IOException | RuntimeException ex) {
			fail(key, "open not sent: " + ex.getMessage());
			return;
		}
		CompletableFuture.delayedExecutor(this.timeout.toMillis(), TimeUnit.MILLISECONDS)
			.execute(() -> fail(key, "no answer from the relay within " + this.timeout));
	}

	/** A circuit frame for an end (not one this peer relays). */
	void frame(PeerLink relay, Frame.Circuit frame) {
		switch (frame) {
			case Frame.CircuitOpen open -> answer(relay, open);
			case Frame.CircuitAccept accept -> accepted(new Key(relay, accept.circuit()));
			case Frame.CircuitRefuse refuse -> fail(new Key(relay, refuse.circuit()), refuse.reason());
			case Frame.CircuitData data -> {
				CircuitSession session = this.sessions.get(new Key(relay, data.circuit()));
				if (session != null) {
					session.received(data.data());
				}
			}
			case Frame.CircuitClose close -> {
				CircuitSession session = this.sessions.get(new Key(relay, close.circuit()));
				if (session != null) {
					session.closed(new CloseStatus(CloseStatus.GOING_AWAY.getCode(),
							Frame.Circuit.clip("relayed link closed: " + close.reason())));
				}
				else {
					fail(new Key(relay, close.circuit()), "closed: " + close.reason());
				}
			}
			default -> log.debug("ignoring {} from {}", frame.getClass().getSimpleName(), relay);
		}
	}

	/** The link to a relay closed: so did every circuit through it. */
	void relayClosed(PeerLink relay) {
		for (Key key : List.copyOf(this.pending.keySet())) {
			if (key.relay() == relay) {
				fail(key, "the relay's link closed");
			}
		}
		for (Map.Entry<Key, CircuitSession> entry : List.copyOf(this.sessions.entrySet())) {
			if (entry.getKey().relay() == relay) {
				entry.getValue().closed(CloseStatus.GOING_AWAY.withReason("relay gone"));
			}
		}
	}

	int open() {
		return this.sessions.size();
	}

	private void accepted(Key key) {
		Pending opened = this.pending.remove(key);
		if (opened == null) {
			return;
		}
		CircuitSession session = session(key, opened.target().peerId(), opened.target());
		log.debug("circuit to {} open via {}", opened.target().username(), key.relay());
		session.opened();
	}

	/** A relay brings a circuit from another peer: it becomes an accepted link. */
	private void answer(PeerLink relay, Frame.CircuitOpen open) {
		var key = new Key(relay, open.circuit());
		String refusal = null;
		if (!open.to().equals(this.self.id())) {
			refusal = "not for me";
		}
		else if (this.directory.find(open.from()).filter(KnownPeer::live).isEmpty()) {
			refusal = "peer " + open.from() + " is not listed by the tracker";
		}
		else if (this.sessions.size() >= this.maxEnds) {
			refusal = "too many relayed links (" + this.maxEnds + ")";
		}
		else if (this.sessions.containsKey(key)) {
			refusal = "circuit number in use";
		}
		try {
			if (refusal != null) {
				relay.send(FrameCodec.encode(new Frame.CircuitRefuse(open.circuit(), refusal)));
				return;
			}
			CircuitSession session = session(key, open.from(), null);
			relay.send(FrameCodec.encode(new Frame.CircuitAccept(open.circuit())));
			session.opened();
		}
		catch (IOException | RuntimeException ex) {
			log.debug("answering a circuit on {} failed: {}", relay, ex.toString());
		}
	}

	private CircuitSession session(Key key, String otherEnd, @Nullable KnownPeer dialed) {
		var handler = new LinkHandler(this.protocol, this.clock, dialed, this.outcomes);
		var session = new CircuitSession(key.relay(), key.circuit(), otherEnd, handler,
				() -> this.sessions.remove(key));
		this.sessions.put(key, session);
		return session;
	}

	private void fail(Key key, String reason) {
		Pending gone = this.pending.remove(key);
		if (gone != null) {
			gone.failed().accept(reason);
		}
	}

}
