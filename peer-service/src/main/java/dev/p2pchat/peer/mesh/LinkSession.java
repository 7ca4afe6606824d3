package dev.p2pchat.peer.mesh;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import lombok.extern.slf4j.Slf4j;
import org.jspecify.annotations.Nullable;

import org.springframework.web.socket.CloseStatus;

import dev.p2pchat.link.frame.Frame;
import dev.p2pchat.link.frame.FrameCodec;
import dev.p2pchat.link.frame.FrameException;
import dev.p2pchat.peer.config.LocalPeer;
import dev.p2pchat.peer.config.PeerProperties;
import dev.p2pchat.link.identity.Identity;
import dev.p2pchat.link.handshake.LinkHandshake;
import dev.p2pchat.link.handshake.SealException;

/**
 * One link's session: the authenticating handshake (see {@link LinkHandshake}), then the
 * dispatch of each sealed frame it receives (messages to the {@link Inbox}, acks to the
 * {@link Mesh}, the peer's {@code since} to the link's {@link LinkSender}); a frame that
 * breaks the protocol closes that link alone, with a reason, logged once. What becomes of
 * a link is reported to its {@link DialOutcomes}.
 */
@Slf4j
final class LinkSession {

	/** A peer's repeated refusals are logged once, then at most once per this period. */
	private static final Duration WARNING_PERIOD = Duration.ofMinutes(1);

	/** Too many links: try again later (RFC 6455's 1013). */
	private static final int TRY_AGAIN_LATER = 1013;

	/**
	 * Largest sealed frame accepted: see {@link #maxSealedFrame(PeerProperties.Link)}.
	 */
	private final long maxSealedFrame;

	private final Identity identity;

	private final HandshakeGate gate;

	private final Mesh mesh;

	private final Handshake handshake;

	private final LocalPeer self;

	private final Clock clock;

	private final PeerProperties.Link settings;

	/** Identifies this run's outgoing streams; a restart starts new ones. */
	private final String epoch;

	private final Set<PeerLink> handshaking = ConcurrentHashMap.newKeySet();

	private final LinkMetrics metrics;

	private final PeerProperties.Limits limits;

	private final RepeatedWarnings warnings;

	private final Inbox inbox;

	private final LinkSender sender;

	LinkSession(Mesh mesh, Handshake handshake, HandshakeGate gate, LocalPeer self, Identity identity, Clock clock,
			PeerProperties.Link settings, PeerProperties.Limits limits, String epoch, LinkMetrics metrics) {
		this.inbox = new Inbox(mesh, clock);
		this.sender = new LinkSender(mesh, clock, settings, limits, metrics);
		this.metrics = metrics;
		this.limits = limits;
		this.warnings = new RepeatedWarnings(clock, WARNING_PERIOD, 1024);
		this.identity = identity;
		this.gate = gate;
		this.maxSealedFrame = maxSealedFrame(settings);
		this.mesh = mesh;
		this.handshake = handshake;
		this.self = self;
		this.clock = clock;
		this.settings = settings;
		this.epoch = epoch;
	}

	/**
	 * Largest sealed frame accepted: twice the frame limit (a batch stops growing only
	 * after it passes {@code batch-size}, and one message's text may take 3 bytes per
	 * character), plus the 16-byte tag.
	 */
	static int maxSealedFrame(PeerProperties.Link settings) {
		return Math.toIntExact(2 * settings.maxFrameSize().toBytes() + 16);
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
		// held weakly: a link closed before its timeout is garbage at once, buffers and
		// all
		var pendingLink = new WeakReference<>(link);
		CompletableFuture.delayedExecutor(this.settings.handshakeTimeout().toMillis(), TimeUnit.MILLISECONDS)
			.execute(() -> Optional.ofNullable(pendingLink.get()).ifPresent(this::timeout));
		var details = new LinkHandshake.Details(this.self.username(), this.self.url().toString(), this.epoch);
		if (link.dialed() != null) {
			LinkHandshake dialling = LinkHandshake.dialler(this.identity, details);
			link.handshake(dialling);
			link.sendHandshake(dialling.hello());
		}
		else {
			link.handshake(LinkHandshake.acceptor(this.identity, details));
		}
	}

	/** A link still not authenticated after the handshake timeout is dropped. */
	void timeout(PeerLink link) {
		if (this.handshaking.contains(link)) {
			var timeout = new LinkException(CloseStatus.POLICY_VIOLATION, "handshake timeout",
					LinkMetrics.HandshakeFailure.TIMEOUT);
			this.metrics.handshakeFailed(timeout.failure());
			warnStranger(link, timeout);
			link.abort(timeout.status());
			closed(link, timeout.status());
		}
	}

	/** Text frames are not part of protocol 2 (a peer of version 1 speaks them). */
	void text(PeerLink link) {
		if (link.isOpen()) {
			refuse(link, new LinkException(CloseStatus.PROTOCOL_ERROR,
					"this peer speaks link protocol " + LinkHandshake.VERSION + ": binary frames only"));
		}
	}

	void binary(PeerLink link, ByteBuffer payload) {
		if (!link.isOpen()) {
			return; // frames still in flight after this side closed the link
		}
		link.heard(this.clock.instant());
		int messages = 0;
		long bytes = payload.remaining();
		try {
			if (link.remote() == null) {
				handshake(link, payload);
				return;
			}
			if (payload.remaining() > this.maxSealedFrame) {
				throw new LinkException(CloseStatus.TOO_BIG_TO_PROCESS,
						"frame larger than " + this.settings.maxFrameSize());
			}
			switch (decode(open(link, payload))) {
				case Frame.Batch batch -> {
					messages = batch.messages().size();
					this.inbox.batch(link, established(link), batch);
				}
				case Frame.Ack ack -> this.mesh.acknowledged(established(link).peerId(), ack.seq());
				case Frame.Ping ping -> established(link);
				case Frame.Typing typing -> this.mesh.listener().typing(established(link).peerId(), typing.privately());
				case Frame.Since since -> {
					established(link);
					link.theirSince().complete(since);
				}
				case Frame.CatchUp catchUp -> {
					messages = catchUp.messages().size();
					this.inbox.catchUp(link, established(link), catchUp);
				}
			}
			pace(link, bytes, messages);
		}
		catch (LinkException ex) {
			refuse(link, ex);
		}
		catch (IOException | RuntimeException ex) {
			log.warn("closing {}: {}", link, ex.toString());
			link.close(CloseStatus.SERVER_ERROR.withReason("internal error"));
		}
	}

	/**
	 * Charges the frame to the link's inbound budget; over it, this link's reader waits
	 * (the other side sees backpressure) before it reads on. Other links are read by
	 * other threads and go on.
	 */
	private void pace(PeerLink link, long bytes, int messages) {
		this.metrics.received(bytes);
		InboundBudget budget = link.budget();
		if (budget == null) {
			return;
		}
		Duration wait = budget.charge(bytes, messages, this.clock.instant());
		if (wait.isPositive()) {
			this.metrics.throttled(wait);
			if (this.warnings.admit(link.peerId(), "over budget") != RepeatedWarnings.SUPPRESS) {
				log.warn("{} sends more than its inbound budget ({} messages, {} per second): reading it more slowly",
						link, this.limits.linkMessagesPerSecond(), this.limits.linkBytesPerSecond());
			}
			try {
				Thread.sleep(wait);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private static Frame decode(byte[] plain) throws LinkException {
		try {
			return FrameCodec.decode(plain);
		}
		catch (FrameException ex) {
			if (ex.unknownType()) {
				throw new LinkException(CloseStatus.NOT_ACCEPTABLE, ex.getMessage());
			}
			throw new LinkException(CloseStatus.BAD_DATA, "not a valid protocol frame: " + ex.getMessage());
		}
	}

	private static byte[] open(PeerLink link, ByteBuffer payload) throws LinkException {
		try {
			return link.open(payload);
		}
		catch (SealException ex) {
			throw new LinkException(CloseStatus.POLICY_VIOLATION, ex.getMessage());
		}
	}

	/**
	 * Logs a failed handshake: strangers can fail them at the upgrade rate from any
	 * number of addresses, so one line per reason and period stands for all of them (the
	 * counter {@code p2pchat.links.handshake.failures} has every one).
	 */
	private void warnStranger(PeerLink link, LinkException ex) {
		int left = this.warnings.admit("unauthenticated links", ex.failure().name());
		if (left != RepeatedWarnings.SUPPRESS) {
			log.warn("closing {}: {}{}", link, ex.getMessage(),
					(left > 0) ? " (" + left + " more unauthenticated links closed so, not logged)" : "");
		}
	}

	void refuse(PeerLink link, LinkException ex) {
		if (link.remote() == null) {
			warnStranger(link, ex);
			// never authenticated: nothing to say goodbye to, and nothing to keep open
			this.metrics.handshakeFailed(ex.failure());
			link.abort(ex.status());
			closed(link, ex.status());
		}
		else {
			this.metrics.frameRefused(ex.refusal());
			int left = this.warnings.admit(link.peerId(), ex.refusal().tag());
			if (left != RepeatedWarnings.SUPPRESS) {
				log.warn("closing {}: {}{}", link, ex.getMessage(),
						(left > 0) ? " (" + left + " more like it from that peer not logged)" : "");
			}
			link.close(ex.status());
		}
	}

	/** The link closed (or was given up); idempotent. */
	void closed(PeerLink link, CloseStatus status) {
		if (!link.finish()) {
			return;
		}
		this.handshaking.remove(link);
		this.gate.release(link.session());
		this.mesh.released(link);
		if (this.mesh.unregister(link)) {
			String peerId = link.peerId();
			log.info("unlinked from {} ({})", link.remote().username(), status);
			this.mesh.listener().linkChanged(peerId, LinkState.DOWN);
			link.outcomes().lost(peerId);
		}
		else if (link.dialed() != null) {
			if (link.remote() == null) {
				this.metrics.dialFailed(LinkMetrics.DialFailure.HANDSHAKE);
			}
			link.outcomes().failed(link.dialed().peerId(), status.toString());
		}
	}

	/**
	 * One handshake message: the acceptor answers the hello, the dialler checks the
	 * answer and sends its auth, the acceptor checks the auth. Only then is the link
	 * established; until then nothing is delivered and no other link is touched.
	 */
	private void handshake(PeerLink link, ByteBuffer payload) throws LinkException, IOException {
		LinkHandshake handshake = link.handshake();
		if (handshake == null || payload.remaining() > LinkHandshake.MAX_MESSAGE) {
			throw new LinkException(CloseStatus.POLICY_VIOLATION, "not a handshake message");
		}
		byte[] message = new byte[payload.remaining()];
		payload.get(message);
		int step = link.handshakeStep();
		link.nextHandshakeStep();
		try {
			if (link.dialed() == null && step == 0) {
				link.sendHandshake(handshake.answer(message));
			}
			else if (link.dialed() != null && step == 0) {
				LinkHandshake.Finished finished = handshake.finish(message);
				RemotePeer hello = remote(finished.session().peer());
				this.handshake.checkCallee(link.dialed(), finished.session().peer().identity(), hello);
				link.sendHandshake(finished.auth());
				link.secured(finished.session());
				established(link, hello);
			}
			else if (link.dialed() == null && step == 1) {
				LinkHandshake.Session session = handshake.complete(message);
				RemotePeer hello = remote(session.peer());
				this.handshake.checkCaller(session.peer().identity(), hello);
				link.secured(session);
				established(link, hello);
			}
			else {
				throw new LinkException(CloseStatus.PROTOCOL_ERROR, "handshake message out of order");
			}
		}
		catch (SealException ex) {
			throw new LinkException(CloseStatus.POLICY_VIOLATION, "handshake refused: " + ex.getMessage(),
					LinkMetrics.HandshakeFailure.BAD_SIGNATURE);
		}
	}

	private static RemotePeer remote(LinkHandshake.Peer peer) throws LinkException {
		try {
			return new RemotePeer(peer.identity().peerId(), peer.details().username(), URI.create(peer.details().url()),
					peer.details().epoch());
		}
		catch (IllegalArgumentException ex) {
			throw new LinkException(CloseStatus.POLICY_VIOLATION, "handshake refused: url not valid");
		}
	}

	private void established(PeerLink link, RemotePeer hello) {
		this.mesh.inbound(hello.peerId()).open(hello.epoch());
		Outbox outbox = this.mesh.outbox(hello.peerId());
		this.handshaking.remove(link);
		this.gate.release(link.session());
		Mesh.Established admitted = this.mesh.establish(link, hello);
		if (admitted.refusal() != null) {
			refuseLink(link, hello, admitted.refusal());
			return;
		}
		if (admitted.evicted()) {
			this.metrics.evicted();
		}
		int generation = admitted.generation();
		link.budget(new InboundBudget(this.limits.linkBytesPerSecond().toBytes(), this.limits.linkMessagesPerSecond(),
				this.clock.instant()));
		if (unregisterIfClosed(link, hello)) {
			this.mesh.released(link);
			return;
		}
		link.outcomes().linked(hello.peerId());
		log.info("linked to {} ({}) as {}", hello.username(), hello.peerId(),
				(link.dialed() != null) ? "dialer" : "acceptor");
		this.sender.start(link, hello, outbox, generation);
	}

	/** An authenticated link beyond the bounds: closed, 1013, counted, logged rarely. */
	private void refuseLink(PeerLink link, RemotePeer hello, LinkAdmission.Refusal refusal) {
		this.metrics.linkRefused(refusal);
		String reason = (refusal == LinkAdmission.Refusal.MAX_LINKS) ? "too many links"
				: "too many links from your address";
		int left = this.warnings.admit("links", refusal.tag());
		if (left != RepeatedWarnings.SUPPRESS) {
			log.warn("refused a link from {} ({}): {}{}", hello.username(), hello.peerId(), reason,
					(left > 0) ? " (" + left + " more refused since)" : "");
		}
		link.close(new CloseStatus(TRY_AGAIN_LATER, reason));
	}

	/**
	 * A link closed while its hello was in flight (handshake timeout) found nothing to
	 * unregister in {@link #closed}: undo its registration here, or it would stay
	 * forever.
	 */
	private boolean unregisterIfClosed(PeerLink link, RemotePeer hello) {
		if (link.isOpen()) {
			return false;
		}
		if (this.mesh.unregister(link)) {
			this.mesh.listener().linkChanged(hello.peerId(), LinkState.DOWN);
			link.outcomes().lost(hello.peerId());
		}
		return true;
	}

	private RemotePeer established(PeerLink link) throws LinkException {
		RemotePeer remote = link.remote();
		if (remote == null) {
			throw new LinkException(CloseStatus.PROTOCOL_ERROR, "hello expected first");
		}
		return remote;
	}

}
