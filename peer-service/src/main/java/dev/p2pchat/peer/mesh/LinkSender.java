package dev.p2pchat.peer.mesh;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import lombok.extern.slf4j.Slf4j;

import org.springframework.web.socket.CloseStatus;

import dev.p2pchat.link.frame.Frame;
import dev.p2pchat.link.frame.FrameCodec;
import dev.p2pchat.link.frame.MessageRecord;
import dev.p2pchat.peer.config.PeerProperties;

/**
 * The one thread that writes to an established link: first the catch-up exchange
 * ({@code since}, then what the peer missed), then, from the peer's {@link Outbox}, acks
 * (taken from what this peer owes), batches of records encoded once for every link, and
 * pings when idle. A failed write closes the link (4500); its messages stay in the outbox
 * for the next link.
 */
@Slf4j
final class LinkSender {

	private static final byte[] PING = FrameCodec.encode(new Frame.Ping());

	private final Mesh mesh;

	private final PeerProperties.Link settings;

	private final PeerProperties.Limits limits;

	private final CatchUpLedger catchUps;

	private final LinkMetrics metrics;

	LinkSender(Mesh mesh, Clock clock, PeerProperties.Link settings, PeerProperties.Limits limits,
			LinkMetrics metrics) {
		this.mesh = mesh;
		this.settings = settings;
		this.limits = limits;
		this.metrics = metrics;
		this.catchUps = new CatchUpLedger(clock, limits.catchUpInterval());
	}

	/** Starts the link's sender thread for the outbox's sending generation. */
	void start(PeerLink link, RemotePeer remote, Outbox outbox, int generation) {
		Thread.ofVirtual().name("link-" + remote.username()).start(() -> run(link, remote, outbox, generation));
	}

	private void run(PeerLink link, RemotePeer remote, Outbox outbox, int generation) {
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
					link.send(FrameCodec.encode(new Frame.Ack(work.ack())));
				}
				if (!work.entries().isEmpty()) {
					link.send(batch(work.entries()));
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

	/**
	 * First on a new link: tell the peer the newest message held from it, wait (at most a
	 * handshake timeout) for its own, and offer it what it missed, before anything of the
	 * outbox so that the older messages come first.
	 */
	private void offerCatchUp(PeerLink link, RemotePeer remote) throws IOException, InterruptedException {
		MeshListener listener = this.mesh.listener();
		link.send(FrameCodec.encode(new Frame.Since(listener.newestFrom(remote.peerId()))));
		Frame.Since theirs;
		try {
			theirs = link.theirSince().get(this.settings.handshakeTimeout().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException | TimeoutException ex) {
			log.info("no catch-up for {}: it did not say what it holds", remote.username());
			return;
		}
		List<MessageRecord> offer = listener.catchUp(remote.peerId(), theirs.last());
		if (offer.isEmpty()) {
			return;
		}
		if (!this.catchUps.serve(remote.peerId(), theirs.last(), CatchUpLedger.fingerprint(offer))) {
			this.metrics.catchUp(0);
			log.debug("not offering {} the same catch-up again within {}", remote.username(),
					this.limits.catchUpInterval());
			return;
		}
		// frames of at most a batch's size: 100 long texts would not fit in one frame
		long limit = this.settings.batchSize().toBytes();
		int from = 0;
		long size = 0;
		for (int i = 0; i < offer.size(); i++) {
			if (i > from && size + offer.get(i).length() > limit) {
				link.send(FrameCodec.encode(new Frame.CatchUp(offer.subList(from, i))));
				from = i;
				size = 0;
			}
			size += offer.get(i).length();
		}
		link.send(FrameCodec.encode(new Frame.CatchUp(offer.subList(from, offer.size()))));
		this.metrics.catchUp(offer.size());
		log.info("offered {} ({}) {} broadcast(s) it missed", remote.username(), remote.peerId(), offer.size());
	}

	/** A batch frame of records encoded once (shared by every link they go out on). */
	private static byte[] batch(List<Outbox.Entry> entries) {
		List<MessageRecord> messages = new ArrayList<>(entries.size());
		for (Outbox.Entry entry : entries) {
			messages.add(entry.message());
		}
		return FrameCodec.batch(entries.getFirst().seq(), messages);
	}

}
