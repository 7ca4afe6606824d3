package dev.p2pchat.peer.mesh;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import lombok.extern.slf4j.Slf4j;
import org.jspecify.annotations.Nullable;

import org.springframework.web.socket.CloseStatus;

import dev.p2pchat.link.frame.Frame;
import dev.p2pchat.link.frame.FrameCodec;
import dev.p2pchat.link.frame.MessageRecord;
import dev.p2pchat.link.reliability.ReceiveWindow;
import dev.p2pchat.peer.config.PeerProperties;
import dev.p2pchat.peer.tracker.DirectoryListener;
import dev.p2pchat.peer.tracker.KnownPeer;

/**
 * This peer's links to the others and the outbox of every recipient: the transport's
 * public face. {@link #send} queues a message for one peer and returns at once; the
 * peer's link, when up, writes it from its own sender thread, and a slow peer delays
 * nobody else. Received messages and link changes are reported to the
 * {@link MeshListener}; acknowledgement or failure of a sent message to its
 * {@link DeliveryTicket}. Thread-safe.
 */
@Slf4j
public final class Mesh implements DirectoryListener {

	/** Tells nobody (tests). */
	static final MeshListener NO_LISTENER = new MeshListener() {
		@Override
		public void received(String peerId, MessageRecord message) {
		}

		@Override
		public void linkChanged(String peerId, LinkState state) {
		}
	};

	private static final byte[] TYPING = FrameCodec.encode(new Frame.Typing(false));

	private static final byte[] TYPING_PRIVATELY = FrameCodec.encode(new Frame.Typing(true));

	private final Map<String, PeerLink> links = new ConcurrentHashMap<>();

	private final Set<String> connecting = ConcurrentHashMap.newKeySet();

	private final Map<String, Outbox> outboxes = new ConcurrentHashMap<>();

	/**
	 * Per sending peer, what was received from it (outlives links, as the outboxes do).
	 */
	private final Map<String, ReceiveWindow> inbound = new ConcurrentHashMap<>();

	/** Peers whose outbox refused the last message offered to it. */
	private final Set<String> overflowing = ConcurrentHashMap.newKeySet();

	private final PeerProperties.Outbox bounds;

	private final Clock clock;

	private final MeshListener listener;

	private volatile boolean closing;

	private final ReentrantLock establishing = new ReentrantLock();

	private final LinkAdmission admission;

	/** A mesh without bounds on links that tells nobody what it receives (tests). */
	Mesh(PeerProperties.Outbox bounds, Clock clock) {
		this(bounds, clock, new LinkAdmission(Integer.MAX_VALUE, Integer.MAX_VALUE), NO_LISTENER);
	}

	/**
	 * @param listener the one listener (the messaging layer)
	 */
	Mesh(PeerProperties.Outbox bounds, Clock clock, LinkAdmission admission, MeshListener listener) {
		this.bounds = bounds;
		this.clock = clock;
		this.admission = admission;
		this.listener = listener;
	}

	/**
	 * Queues a message for a peer, linked or not. Never blocks on the network.
	 * @param message the message, encoded once for all its recipients
	 * @param ticket told when the peer acknowledges the message or it fails
	 * @return false (and the ticket was told it failed) when the peer's outbox is full
	 */
	public boolean send(String peerId, MessageRecord message, DeliveryTicket ticket) {
		Outbox outbox = outbox(peerId);
		if (outbox.offer(message, ticket, this.clock.instant())) {
			if (!this.overflowing.isEmpty() && this.overflowing.remove(peerId)) {
				log.info("the outbox for {} accepts messages again", peerId);
			}
			return true;
		}
		if (this.overflowing.add(peerId)) {
			// once per episode: every refused message is also failed to its sender
			log.warn("the outbox for {} is full ({} unacknowledged messages): new messages to it fail until it drains",
					peerId, this.bounds.maxMessages());
		}
		ticket.failed(peerId, "outbox full");
		return false;
	}

	/**
	 * Tells a peer, if linked right now, that this peer's user is typing: best effort,
	 * never queued, written from a virtual thread of its own so that the caller never
	 * waits for the network.
	 * @param privately true for a private message to that peer
	 * @return whether the peer had a live link
	 */
	public boolean typing(String peerId, boolean privately) {
		PeerLink link = this.links.get(peerId);
		if (link == null) {
			return false;
		}
		byte[] frame = privately ? TYPING_PRIVATELY : TYPING;
		Thread.ofVirtual().name("typing").start(() -> {
			try {
				link.send(frame);
			}
			catch (IOException | RuntimeException ex) {
				log.debug("typing frame to {} not sent: {}", peerId, ex.toString());
			}
		});
		return true;
	}

	public LinkState linkState(String peerId) {
		if (this.links.containsKey(peerId)) {
			return LinkState.CONNECTED;
		}
		return this.connecting.contains(peerId) ? LinkState.CONNECTING : LinkState.DOWN;
	}

	/** Number of established links. */
	public int liveLinks() {
		return this.links.size();
	}

	/** Messages waiting for acknowledgement, over all recipients. */
	public int outboxDepth() {
		return this.outboxes.values().stream().mapToInt(Outbox::depth).sum();
	}

	@Override
	public void forgotten(KnownPeer peer) {
		// Drained, never removed: its sequence numbers must go on if the peer comes back
		// without restarting, or the receiver would skip the renumbered messages as seen.
		Outbox outbox = this.outboxes.get(peer.peerId());
		if (outbox != null) {
			fail(peer.peerId(), outbox.drain(), "peer gone");
		}
	}

	MeshListener listener() {
		return this.listener;
	}

	Outbox outbox(String peerId) {
		return this.outboxes.computeIfAbsent(peerId, (id) -> new Outbox(this.bounds.maxMessages(), inbound(id)));
	}

	/** What this peer received from that peer, and the acknowledgement it owes it. */
	ReceiveWindow inbound(String peerId) {
		return this.inbound.computeIfAbsent(peerId, (id) -> new ReceiveWindow(this.clock));
	}

	@Nullable PeerLink link(String peerId) {
		return this.links.get(peerId);
	}

	Collection<PeerLink> links() {
		return this.links.values();
	}

	void connecting(String peerId, boolean underWay) {
		if (underWay) {
			this.connecting.add(peerId);
		}
		else {
			this.connecting.remove(peerId);
		}
	}

	/**
	 * Makes a link the peer's registered one, if {@link LinkAdmission} lets it in:
	 * attaches the peer's outbox to it (a new sending generation) and registers it in one
	 * step, so that the registered link always owns the outbox's current generation even
	 * when two handshakes with one peer finish at once. A link it supersedes, or the
	 * stranger's link it evicts, is closed.
	 * @return the generation the link's sender thread must use, or the refusal (the link
	 * is then not registered and must be closed)
	 */
	Established establish(PeerLink link, RemotePeer hello) {
		String peerId = hello.peerId();
		PeerLink older;
		LinkAdmission.Decision decision;
		int generation;
		this.establishing.lock();
		try {
			decision = this.admission.decide(link, peerId, this.links, this.listener::preferred);
			if (decision.refusal() != null) {
				return new Established(-1, decision.refusal(), false);
			}
			this.admission.count(link);
			generation = outbox(peerId).attach();
			link.established(hello, generation);
			older = this.links.put(peerId, link);
			this.connecting.remove(peerId);
		}
		finally {
			this.establishing.unlock();
		}
		if (older != null && older != link) {
			log.info("{} superseded by a newer link", older);
			older.close(new CloseStatus(4000, "superseded by a newer link"));
		}
		PeerLink evicted = decision.evict();
		if (evicted != null) {
			log.info("{} evicted (max-links reached) for {}, a peer this one has a conversation with", evicted,
					hello.username());
			evicted.close(new CloseStatus(1013, "evicted: too many links"));
		}
		this.listener.linkChanged(peerId, LinkState.CONNECTED);
		return new Established(generation, null, evicted != null);
	}

	/**
	 * What {@link #establish} did.
	 *
	 * @param generation the sending generation, {@code -1} when refused
	 * @param refusal why the link was refused, {@code null} when it was registered
	 * @param evicted whether a stranger's link was evicted for it
	 */
	record Established(int generation, LinkAdmission.@Nullable Refusal refusal, boolean evicted) {

	}

	/** A link closed: it no longer counts against its address. */
	void released(PeerLink link) {
		this.establishing.lock();
		try {
			this.admission.release(link);
		}
		finally {
			this.establishing.unlock();
		}
	}

	/** Whether the links are at {@code p2pchat.peer.max-links}. */
	boolean atLinkBound() {
		return this.links.size() >= this.admission.maxLinks();
	}

	/** Most accepted links from one address now. */
	int mostLinksFromOneAddress() {
		return this.admission.mostFromOneAddress();
	}

	/**
	 * True once shutdown began: links opened now would ack what this peer cannot keep.
	 */
	boolean closing() {
		return this.closing;
	}

	/** Forgets a closed link; true when it was the registered one. */
	boolean unregister(PeerLink link) {
		RemotePeer remote = link.remote();
		if (remote == null || !this.links.remove(remote.peerId(), link)) {
			return false;
		}
		outbox(remote.peerId()).detach(link.generation());
		return true;
	}

	/** Marks messages older than the outbox bound as failed. */
	void expireOld() {
		Instant cutoff = this.clock.instant().minus(this.bounds.maxAge());
		this.outboxes.forEach((peerId, outbox) -> fail(peerId, outbox.expire(cutoff), "not acknowledged in time"));
	}

	void acknowledged(String peerId, long seq) {
		for (Outbox.Entry entry : outbox(peerId).acknowledge(seq)) {
			entry.ticket().delivered(peerId);
		}
	}

	private void fail(String peerId, List<Outbox.Entry> entries, String reason) {
		if (!entries.isEmpty()) {
			log.warn("{} message(s) to {} failed: {}", entries.size(), peerId, reason);
		}
		for (Outbox.Entry entry : entries) {
			entry.ticket().failed(peerId, reason);
		}
	}

	/** Closes every link, telling the peers this one is going away. */
	/** Shutdown: closes every link and refuses new ones from now on. */
	void closeAll() {
		this.closing = true;
		for (PeerLink link : List.copyOf(this.links.values())) {
			link.close(CloseStatus.GOING_AWAY.withReason("peer shutting down"));
		}
	}

}
