package dev.p2pchat.peer.mesh;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ScheduledFuture;

import lombok.extern.slf4j.Slf4j;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.web.socket.CloseStatus;

import dev.p2pchat.peer.config.PeerProperties;

/**
 * Once per ping interval: closes links silent for {@code dead-after-pings} intervals and
 * handshakes older than the handshake timeout, fails messages past the outbox bound, and
 * dials peers that should be linked and are not. On shutdown, closes every link with
 * {@code GOING_AWAY}.
 */
@Slf4j
final class MeshMaintenance implements SmartLifecycle {

	private final Mesh mesh;

	private final LinkSession protocol;

	private final Dialer dialer;

	private final PeerProperties.Link settings;

	private final TaskScheduler scheduler;

	private final Clock clock;

	private volatile @Nullable ScheduledFuture<?> task;

	MeshMaintenance(Mesh mesh, LinkSession protocol, Dialer dialer, PeerProperties.Link settings,
			TaskScheduler scheduler, Clock clock) {
		this.mesh = mesh;
		this.protocol = protocol;
		this.dialer = dialer;
		this.settings = settings;
		this.scheduler = scheduler;
		this.clock = clock;
	}

	void tick() {
		try {
			Instant now = this.clock.instant();
			checkLinks(now);
			checkHandshakes(now);
			this.mesh.expireOld();
			this.dialer.reconcile();
		}
		catch (RuntimeException ex) {
			log.warn("mesh maintenance failed", ex);
		}
	}

	private void checkLinks(Instant now) {
		Instant silentSince = now.minus(this.settings.deadAfter());
		for (PeerLink link : List.copyOf(this.mesh.links())) {
			if (link.lastHeard().isBefore(silentSince)) {
				log.warn("{} silent for {}, closing it", link, this.settings.deadAfter());
				var status = CloseStatus.SESSION_NOT_RELIABLE.withReason("no traffic for " + this.settings.deadAfter());
				link.close(status);
				// a dead peer may never complete the close handshake
				this.protocol.closed(link, status);
			}
		}
	}

	private void checkHandshakes(Instant now) {
		Instant startedBefore = now.minus(this.settings.handshakeTimeout());
		for (PeerLink link : List.copyOf(this.protocol.handshaking())) {
			if (link.openedAt().isBefore(startedBefore)) {
				var timeout = new LinkException(CloseStatus.POLICY_VIOLATION, "handshake timeout",
						LinkMetrics.HandshakeFailure.TIMEOUT);
				this.protocol.refuse(link, timeout);
				this.protocol.closed(link, timeout.status());
			}
		}
	}

	@Override
	public void start() {
		this.task = this.scheduler.scheduleWithFixedDelay(this::tick, this.settings.pingInterval());
	}

	@Override
	public void stop() {
		ScheduledFuture<?> running = this.task;
		if (running != null) {
			running.cancel(false);
			this.task = null;
		}
		this.dialer.stop();
		this.mesh.closeAll();
	}

	/**
	 * Stops after the tracker registration (default phase) and before the web server's
	 * graceful shutdown: the peer leaves the tracker first, so the others keep queueing
	 * for it instead of redialling, then its links close.
	 */
	@Override
	public int getPhase() {
		return DEFAULT_PHASE - 512;
	}

	@Override
	public boolean isRunning() {
		return this.task != null;
	}

}
