package dev.p2pchat.peer.mesh;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.locks.ReentrantLock;

import lombok.extern.slf4j.Slf4j;
import org.jspecify.annotations.Nullable;

import org.springframework.scheduling.TaskScheduler;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.WebSocketClient;

import dev.p2pchat.peer.config.Backoff;
import dev.p2pchat.peer.config.LocalPeer;
import dev.p2pchat.peer.tracker.DirectoryListener;
import dev.p2pchat.peer.tracker.KnownPeer;
import dev.p2pchat.peer.tracker.PeerDirectory;

/**
 * Dials the peers this peer must link to: of each pair, the peer with the smaller peerId
 * dials. Dials at once when a peer joins, and again after a failure or a lost link with
 * capped jittered backoff, as long as the tracker lists the peer.
 */
@Slf4j
final class Dialer implements DirectoryListener, DialOutcomes {

	private static final class Attempt {

		int failures;

		boolean inFlight;

		@Nullable ScheduledFuture<?> next;

	}

	private final LocalPeer self;

	private final PeerDirectory directory;

	private final Mesh mesh;

	private final LinkSession protocol;

	private final WebSocketClient client;

	private final Backoff backoff;

	private final TaskScheduler scheduler;

	private final Clock clock;

	private final ReentrantLock lock = new ReentrantLock();

	private final Map<String, Attempt> attempts = new HashMap<>();

	private final LinkMetrics metrics;

	private volatile boolean stopped;

	Dialer(LocalPeer self, PeerDirectory directory, Mesh mesh, LinkSession protocol, WebSocketClient client,
			Backoff backoff, TaskScheduler scheduler, Clock clock, LinkMetrics metrics) {
		this.metrics = metrics;
		this.self = self;
		this.directory = directory;
		this.mesh = mesh;
		this.protocol = protocol;
		this.client = client;
		this.backoff = backoff;
		this.scheduler = scheduler;
		this.clock = clock;
	}

	/** Whether this peer is the one that dials {@code peerId}. */
	boolean dials(String peerId) {
		return this.self.id().compareTo(peerId) < 0;
	}

	@Override
	public void joined(KnownPeer peer) {
		if (dials(peer.peerId())) {
			dial(peer.peerId(), true);
		}
	}

	/** Dials every listed peer that should be linked and is not, nor being dialled. */
	void reconcile() {
		for (KnownPeer peer : this.directory.all()) {
			if (peer.live() && dials(peer.peerId()) && this.mesh.link(peer.peerId()) == null) {
				dial(peer.peerId(), false);
			}
		}
	}

	@Override
	public void linked(String peerId) {
		this.lock.lock();
		try {
			Attempt attempt = this.attempts.remove(peerId);
			if (attempt != null && attempt.next != null) {
				attempt.next.cancel(false);
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Stops dialling for good (shutdown) and cancels scheduled redials. */
	void stop() {
		this.stopped = true;
		this.lock.lock();
		try {
			for (Attempt attempt : this.attempts.values()) {
				if (attempt.next != null) {
					attempt.next.cancel(false);
				}
			}
			this.attempts.clear();
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public void lost(String peerId) {
		if (dials(peerId)) {
			retryLater(peerId);
		}
	}

	@Override
	public void failed(String peerId, String reason) {
		log.debug("dialling {} failed: {}", peerId, reason);
		retryLater(peerId);
	}

	private void unreached(String peerId, Throwable failure) {
		this.metrics.dialFailed(LinkMetrics.dialFailure(failure));
		failed(peerId, failure.toString());
	}

	private void dial(String peerId, boolean resetBackoff) {
		if (this.stopped) {
			return;
		}
		KnownPeer peer = this.directory.find(peerId).filter(KnownPeer::live).orElse(null);
		this.lock.lock();
		try {
			Attempt attempt = this.attempts.computeIfAbsent(peerId, (id) -> new Attempt());
			if (resetBackoff) {
				attempt.failures = 0;
			}
			if (peer == null || attempt.inFlight || this.mesh.link(peerId) != null) {
				return;
			}
			if (this.mesh.atLinkBound() && !this.mesh.listener().preferred(peerId)) {
				// this peer would refuse the link itself once it authenticated: a
				// stranger
				// waits for a free slot (the maintenance pass asks again)
				return;
			}
			if (attempt.next != null) {
				attempt.next.cancel(false);
				attempt.next = null;
			}
			attempt.inFlight = true;
		}
		finally {
			this.lock.unlock();
		}
		start(peer);
	}

	private void start(KnownPeer peer) {
		this.mesh.connecting(peer.peerId(), true);
		this.mesh.listener().linkChanged(peer.peerId(), LinkState.CONNECTING);
		log.debug("dialling {} at {}", peer.username(), peer.url());
		try {
			this.client
				.execute(new LinkHandler(this.protocol, this.clock, peer, this), new WebSocketHttpHeaders(),
						linkUri(peer.url()))
				.whenComplete((session, ex) -> {
					if (ex != null) {
						unreached(peer.peerId(), ex);
					}
				});
		}
		catch (RuntimeException ex) {
			unreached(peer.peerId(), ex);
		}
	}

	private void retryLater(String peerId) {
		if (this.stopped) {
			return;
		}
		boolean listed = this.directory.find(peerId).map(KnownPeer::live).orElse(false);
		this.lock.lock();
		try {
			Attempt attempt = this.attempts.computeIfAbsent(peerId, (id) -> new Attempt());
			attempt.inFlight = false;
			if (!listed || this.mesh.link(peerId) != null) {
				this.attempts.remove(peerId);
				this.mesh.connecting(peerId, false);
				return;
			}
			Duration delay = this.backoff.delay(attempt.failures++);
			if (attempt.next != null) {
				attempt.next.cancel(false);
			}
			attempt.next = this.scheduler.schedule(() -> dial(peerId, false), this.clock.instant().plus(delay));
		}
		finally {
			this.lock.unlock();
		}
	}

	/** {@code http://host:port/base} becomes {@code ws://host:port/base/ws/peer}. */
	static URI linkUri(URI url) {
		String base = url.toString().replaceFirst("^http", "ws");
		return URI.create(base + (base.endsWith("/") ? "" : "/") + "ws/peer");
	}

}
