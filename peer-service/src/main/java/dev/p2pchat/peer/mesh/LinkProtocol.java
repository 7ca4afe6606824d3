package dev.p2pchat.peer.mesh;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import lombok.extern.slf4j.Slf4j;
import org.jspecify.annotations.Nullable;

import org.springframework.web.socket.CloseStatus;

import dev.p2pchat.peer.config.LocalPeer;
import dev.p2pchat.peer.config.PeerProperties;

/**
 * The link protocol as one link experiences it: hello in each direction, then batches and
 * acks; a frame that breaks the protocol closes that link alone, with a reason, logged
 * once. Starts each established link's sender thread.
 */
@Slf4j
final class LinkProtocol {

	private static final String PING = "{\"type\":\"ping\"}";

	private final Mesh mesh;

	private final Handshake handshake;

	private final InboundStreams inbound = new InboundStreams();

	private final FrameCodec codec;

	private final LocalPeer self;

	private final Clock clock;

	private final PeerProperties.Link settings;

	/** Identifies this run's outgoing streams; a restart starts new ones. */
	private final String epoch;

	private final Set<PeerLink> handshaking = ConcurrentHashMap.newKeySet();

	/** Per established link, the {@link LinkFrame.Since} its peer sent (or will send). */
	private final Map<PeerLink, CompletableFuture<LinkFrame.Since>> since = new ConcurrentHashMap<>();

	private volatile @Nullable Dialer dialer;

	LinkProtocol(Mesh mesh, Handshake handshake, FrameCodec codec, LocalPeer self, Clock clock,
			PeerProperties.Link settings, String epoch) {
		this.mesh = mesh;
		this.handshake = handshake;
		this.codec = codec;
		this.self = self;
		this.clock = clock;
		this.settings = settings;
		this.epoch = epoch;
	}

	void setDialer(Dialer dialer) {
		this.dialer = dialer;
	}

	Set<PeerLink> handshaking() {
		return this.handshaking;
	}

	void opened(PeerLink link) throws IOException {
		if (this.mesh.closing()) {
			// what this peer received now would be acknowledged and then lost with it
			link.close(CloseStatus.GOING_AWAY.withReason("peer shutting down"));
			return;
		}
		this.handshaking.add(link);
		if (link.dialed() != null) {
			link.send(this.codec.encode(hello()));
		}
	}

	void text(PeerLink link, String payload) {
		if (!link.isOpen()) {
			return; // frames still in flight after this side closed the link
		}
		link.heard(this.clock.instant());
		try {
			if (payload.length() > this.settings.maxFrameSize().toBytes()) {
				throw new LinkException(CloseStatus.TOO_BIG_TO_PROCESS,
						"frame larger than " + this.settings.maxFrameSize());
			}
			// before the handshake nothing is bound to the listener's type: hello comes
			// first
			Class<?> messageType = (link.remote() != null) ? this.mesh.listener().messageType() : Object.class;
			switch (this.codec.decode(payload, messageType)) {
				case LinkFrame.Hello hello -> hello(link, hello);
				case LinkFrame.Batch batch -> batch(link, established(link), batch);
				case LinkFrame.Ack ack -> this.mesh.acknowledged(established(link).peerId(), ack.seq());
				case LinkFrame.Ping ping -> established(link);
				case LinkFrame.Since since -> theirSince(link, established(link)).complete(since);
				case LinkFrame.CatchUp catchUp -> catchUp(link, established(link), catchUp);
			}
		}
		catch (LinkException ex) {
			refuse(link, ex);
		}
		catch (IOException | RuntimeException ex) {
			log.warn("closing {}: {}", link, ex.toString());
			link.close(CloseStatus.SERVER_ERROR.withReason("internal error"));
		}
	}

	void refuse(PeerLink link, LinkException ex) {
		log.warn("closing {}: {}", link, ex.getMessage());
		link.close(ex.status());
	}

	/** The link closed (or was given up); idempotent. */
	void closed(PeerLink link, CloseStatus status) {
		if (!link.finish()) {
			return;
		}
		this.handshaking.remove(link);
		this.since.remove(link);
		Dialer dialing = this.dialer;
		if (this.mesh.unregister(link)) {
			String peerId = link.peerId();
			log.info("unlinked from {} ({})", link.remote().username(), status);
			this.mesh.listener().linkChanged(peerId, LinkState.DOWN);
			if (dialing != null) {
				dialing.lost(peerId);
			}
		}
		else if (link.dialed() != null && dialing != null) {
			dialing.failed(link.dialed().peerId(), status.toString());
		}
	}

	private void hello(PeerLink link, LinkFrame.Hello hello) throws LinkException, IOException {
		if (link.remote() != null) {
			throw new LinkException(CloseStatus.PROTOCOL_ERROR, "second hello");
		}
		if (link.dialed() == null) {
			this.handshake.checkCaller(hello);
			link.send(this.codec.encode(hello()));
		}
		else {
			this.handshake.checkCallee(link.dialed(), hello);
		}
		this.inbound.open(hello);
		Outbox outbox = this.mesh.outbox(hello.peerId());
		this.handshaking.remove(link);
		int generation = this.mesh.establish(link, hello);
		if (unregisterIfClosed(link, hello)) {
			return;
		}
		Dialer dialing = this.dialer;
		if (dialing != null) {
			dialing.linked(hello.peerId());
		}
		log.info("linked to {} ({}) as {}", hello.username(), hello.peerId(),
				(link.dialed() != null) ? "dialer" : "acceptor");
		Thread.ofVirtual().name("link-" + hello.username()).start(() -> sendLoop(link, hello, outbox, generation));
	}

	/**
	 * A link closed while its hello was in flight (handshake timeout) found nothing to
	 * unregister in {@link #closed}: undo its registration here, or it would stay
	 * forever.
	 */
	private boolean unregisterIfClosed(PeerLink link, LinkFrame.Hello hello) {
		if (link.isOpen()) {
			return false;
		}
		if (this.mesh.unregister(link)) {
			this.mesh.listener().linkChanged(hello.peerId(), LinkState.DOWN);
			Dialer dialing = this.dialer;
			if (dialing != null) {
				dialing.lost(hello.peerId());
			}
		}
		return true;
	}

	private void batch(PeerLink link, LinkFrame.Hello remote, LinkFrame.Batch batch) throws LinkException {
		var invalid = new boolean[1];
		long ack = this.inbound.accept(remote, batch, (message) -> deliver(remote.peerId(), message, invalid));
		if (ack > 0) {
			this.mesh.listener().storeReceived();
			this.mesh.outbox(remote.peerId()).requestAck(ack);
		}
		if (invalid[0]) {
			throw new LinkException(CloseStatus.BAD_DATA, "batch holds an invalid message");
		}
	}

	private CompletableFuture<LinkFrame.Since> theirSince(PeerLink link, LinkFrame.Hello remote) {
		return this.since.computeIfAbsent(link, (key) -> new CompletableFuture<>());
	}

	private void catchUp(PeerLink link, LinkFrame.Hello remote, LinkFrame.CatchUp catchUp) throws LinkException {
		var invalid = new boolean[1];
		for (Object message : catchUp.messages()) {
			deliver(remote.peerId(), message, invalid);
		}
		this.mesh.listener().storeReceived();
		if (invalid[0]) {
			throw new LinkException(CloseStatus.BAD_DATA, "catch-up holds an invalid message");
		}
		log.debug("caught up on {} message(s) from {}", catchUp.messages().size(), remote.username());
	}

	/**
	 * First on a new link: tell the peer the newest message held from it, wait (at most a
	 * handshake timeout) for its own, and offer it what it missed, before anything of the
	 * outbox so that the older messages come first.
	 */
	private void offerCatchUp(PeerLink link, LinkFrame.Hello remote) throws IOException, InterruptedException {
		MeshListener listener = this.mesh.listener();
		link.send(this.codec.encode(new LinkFrame.Since(listener.newestFrom(remote.peerId()))));
		LinkFrame.Since theirs;
		try {
			theirs = theirSince(link, remote).get(this.settings.handshakeTimeout().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException | TimeoutException ex) {
			log.info("no catch-up for {}: it did not say what it holds", remote.username());
			return;
		}
		List<String> offer = listener.catchUp(remote.peerId(), theirs.last());
		if (!offer.isEmpty()) {
			link.send(this.codec.catchUp(offer));
			log.info("offered {} ({}) {} broadcast(s) it missed", remote.username(), remote.peerId(), offer.size());
		}
	}

	private void deliver(String peerId, Object message, boolean[] invalid) {
		try {
			this.mesh.listener().received(peerId, message);
		}
		catch (IllegalArgumentException ex) {
			log.debug("invalid message from {}: {}", peerId, ex.getMessage());
			invalid[0] = true;
		}
	}

	private void sendLoop(PeerLink link, LinkFrame.Hello remote, Outbox outbox, int generation) {
		var pacing = new Outbox.Pacing(this.settings.batchSize().toBytes(), this.settings.pingInterval(),
				this.settings.linger(), this.settings.ackInterval());
		try {
			offerCatchUp(link, remote);
			while (link.isOpen()) {
				Outbox.Work work = outbox.await(generation, pacing);
				if (work == null) {
					return;
				}
				if (work.ack() == 0 && work.entries().isEmpty()) {
					link.send(PING);
				}
				if (work.ack() > 0) {
					link.send(this.codec.encode(new LinkFrame.Ack(work.ack())));
				}
				if (!work.entries().isEmpty()) {
					link.send(this.codec.batch(work.entries().getFirst().seq(), work.entries()));
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (IOException | RuntimeException ex) {
			log.info("sending on {} failed: {}", link, ex.toString());
			link.close(CloseStatus.SESSION_NOT_RELIABLE.withReason("send failed"));
		}
	}

	private LinkFrame.Hello established(PeerLink link) throws LinkException {
		LinkFrame.Hello remote = link.remote();
		if (remote == null) {
			throw new LinkException(CloseStatus.PROTOCOL_ERROR, "hello expected first");
		}
		return remote;
	}

	private LinkFrame.Hello hello() {
		return new LinkFrame.Hello(LinkFrame.VERSION, this.self.id(), this.self.username(), this.self.url(),
				this.epoch);
	}

}
