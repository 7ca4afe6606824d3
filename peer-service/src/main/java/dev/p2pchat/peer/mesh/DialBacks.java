package dev.p2pchat.peer.mesh;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import lombok.extern.slf4j.Slf4j;
import org.jspecify.annotations.Nullable;

import dev.p2pchat.link.frame.Frame;
import dev.p2pchat.link.frame.FrameCodec;
import dev.p2pchat.peer.config.Reachability;
import dev.p2pchat.peer.tracker.KnownPeer;
import dev.p2pchat.peer.tracker.PeerDirectory;

/**
 * Learns whether this peer is reachable ({@code p2pchat.peer.reachable=auto}): it asks a
 * linked peer to dial it back at the URL the tracker lists, and counts itself reachable
 * only when that dial arrives here and authenticates as the peer asked (the handshake
 * proves both keys); a peer's word is never taken for it. No such dial within the
 * deadline counts as unreachable; it asks again, another peer, after {@link #AGAIN}. The
 * other way round, it dials back a linked peer that asks, at most once per {@link #AGAIN}
 * per peer. Thread-safe.
 */
@Slf4j
final class DialBacks {

	/** Least time between two dial-back requests, and between two dial-backs per peer. */
	static final Duration AGAIN = Duration.ofMinutes(1);

	private final Reachability reachability;

	private final PeerDirectory directory;

	private final Clock clock;

	private final Duration deadline;

	/** The peer asked now and when it was asked; {@code null} when none is asked. */
	private volatile @Nullable String asked;

	private volatile Instant lastAsked = Instant.EPOCH;

	private final Map<String, Instant> dialledBack = new ConcurrentHashMap<>();

	private volatile Consumer<KnownPeer> dialer = (peer) -> {
	};

	DialBacks(Reachability reachability, PeerDirectory directory, Clock clock, Duration deadline) {
		this.reachability = reachability;
		this.directory = directory;
		this.clock = clock;
		this.deadline = deadline;
	}

	/** How a dial-back is dialled (the {@link Dialer}'s probe). */
	void dialWith(Consumer<KnownPeer> probe) {
		this.dialer = probe;
	}

	/** A direct link is up: asks its peer to dial back, when this peer must learn. */
	void linked(PeerLink link) {
		if (this.reachability.mode() != Reachability.Mode.AUTO || this.asked != null) {
			return;
		}
		Instant now = this.clock.instant();
		if (!this.reachability.unknown() && now.isBefore(this.lastAsked.plus(AGAIN))) {
			return;
		}
		String peerId = link.peerId();
		this.asked = peerId;
		this.lastAsked = now;
		try {
			link.send(FrameCodec.encode(new Frame.DialBack()));
		}
		catch (IOException | RuntimeException ex) {
			this.asked = null;
			return;
		}
		log.debug("asked {} to dial this peer back", link);
		CompletableFuture.delayedExecutor(this.deadline.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
			if (peerId.equals(this.asked)) {
				this.asked = null;
				this.reachability.learned(false);
			}
		});
	}

	/**
	 * An accepted link authenticated as {@code peerId}: when that is the peer asked to
	 * dial back, it is the dial-back (this peer is reachable) and is not kept as a link.
	 */
	boolean arrived(String peerId) {
		if (!peerId.equals(this.asked)) {
			return false;
		}
		this.asked = null;
		this.reachability.learned(true);
		return true;
	}

	/** A linked peer asks to be dialled back. */
	void requested(String peerId) {
		Instant now = this.clock.instant();
		Instant last = this.dialledBack.get(peerId);
		if (last != null && now.isBefore(last.plus(AGAIN))) {
			log.debug("not dialling {} back again within {}", peerId, AGAIN);
			return;
		}
		this.dialledBack.put(peerId, now);
		this.dialledBack.values().removeIf((when) -> now.isAfter(when.plus(AGAIN)));
		this.directory.find(peerId).filter(KnownPeer::live).ifPresent(this.dialer);
	}

}
