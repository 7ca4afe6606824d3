package dev.p2pchat.peer.tracker;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;

import lombok.extern.slf4j.Slf4j;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;

import dev.p2pchat.peer.config.Backoff;
import dev.p2pchat.peer.config.LocalPeer;
import dev.p2pchat.peer.config.Reachability;
import dev.p2pchat.link.identity.Identity;

/**
 * Keeps this peer registered at the tracker, on one virtual thread: registers, renews
 * every renew interval, registers again when the tracker has forgotten it (404), retries
 * with capped jittered backoff while the tracker is down, and leaves on graceful
 * shutdown. Also renames this peer through the tracker.
 */
@Slf4j
public final class Registration implements SmartLifecycle {

	private final LocalPeer self;

	private final Identity identity;

	private final TrackerClient tracker;

	private final PeerDirectory directory;

	private final Backoff backoff;

	private final Clock clock;

	private final Duration renewInterval;

	private final Reachability reachability;

	/** Serialises the use of the lease token (renewal, rename, leave). */
	private final ReentrantLock lock = new ReentrantLock();

	private volatile @Nullable String token;

	private volatile Instant validUntil = Instant.EPOCH;

	private volatile boolean running;

	private volatile @Nullable Thread thread;

	Registration(LocalPeer self, Identity identity, TrackerClient tracker, PeerDirectory directory, Backoff backoff,
			Clock clock, Duration renewInterval) {
		this(self, identity, tracker, directory, backoff, clock, renewInterval,
				new Reachability(Reachability.Mode.TRUE));
	}

	Registration(LocalPeer self, Identity identity, TrackerClient tracker, PeerDirectory directory, Backoff backoff,
			Clock clock, Duration renewInterval, Reachability reachability) {
		this.reachability = reachability;
		this.self = self;
		this.identity = identity;
		this.tracker = tracker;
		this.directory = directory;
		this.backoff = backoff;
		this.clock = clock;
		this.renewInterval = renewInterval;
	}

	/**
	 * Registers again at the next renewal (within a renew interval), so that the
	 * tracker's record says what this peer learned of its reachability.
	 */
	public void registerAgain() {
		this.lock.lock();
		try {
			this.token = null;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Whether the tracker holds a live lease for this peer, as far as this peer knows.
	 */
	public boolean registered() {
		return this.token != null && this.clock.instant().isBefore(this.validUntil);
	}

	/**
	 * Renames this peer at the tracker, then locally.
	 * @throws NameTakenException when another live peer holds the name (the old name is
	 * kept)
	 * @throws TrackerUnavailableException when the tracker cannot be reached or this peer
	 * is not registered
	 */
	public void rename(String username) {
		this.lock.lock();
		try {
			String lease = this.token;
			if (lease == null) {
				throw new TrackerUnavailableException("not registered at the tracker", null);
			}
			String previous = this.self.username();
			this.tracker.rename(this.self.id(), lease, username);
			this.self.rename(username);
			log.info("renamed {} -> {}", previous, username);
			this.directory.selfRenamed(previous);
		}
		catch (LeaseLostException ex) {
			this.token = null;
			throw new TrackerUnavailableException("lease lost, registering again", ex);
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public void start() {
		this.running = true;
		this.thread = Thread.ofVirtual().name("registration").start(this::run);
	}

	@Override
	public void stop() {
		this.running = false;
		Thread worker = this.thread;
		if (worker != null) {
			worker.interrupt();
		}
		leave();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private void run() {
		int failures = 0;
		while (this.running) {
			Duration pause;
			try {
				keepLease();
				failures = 0;
				pause = this.renewInterval;
			}
			catch (LeaseLostException ex) {
				log.info("the tracker lost this peer's lease ({}), registering again", ex.getMessage());
				this.token = null;
				pause = Duration.ZERO;
			}
			catch (RuntimeException ex) {
				logFailure(ex, failures);
				pause = this.backoff.delay(failures++);
			}
			if (!pause(pause)) {
				return;
			}
		}
	}

	private void keepLease() {
		this.lock.lock();
		try {
			String lease = this.token;
			Instant now = this.clock.instant();
			if (lease == null) {
				Lease granted = this.tracker.register(RegistrationRequest.sign(this.identity, this.self.username(),
						this.self.url(), now, this.reachability.reachable()));
				this.token = granted.leaseToken();
				log.info("registered as {} ({}) at the tracker", this.self.username(), this.self.id());
				this.validUntil = now.plusSeconds(granted.leaseSeconds());
			}
			else {
				this.validUntil = now.plusSeconds(this.tracker.renew(this.self.id(), lease).leaseSeconds());
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	private void logFailure(RuntimeException ex, int failures) {
		if (failures == 0) {
			log.warn("tracker call failed, retrying with backoff: {}", ex.getMessage());
		}
		else {
			log.debug("tracker call failed again: {}", ex.getMessage());
		}
	}

	private boolean pause(Duration pause) {
		if (pause.isZero()) {
			return this.running;
		}
		try {
			Thread.sleep(pause);
			return this.running;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private void leave() {
		this.lock.lock();
		try {
			String lease = this.token;
			if (lease != null) {
				this.token = null;
				this.tracker.delete(this.self.id(), lease);
				log.info("left the tracker");
			}
		}
		catch (RuntimeException ex) {
			log.warn("could not leave the tracker: {}", ex.getMessage());
		}
		finally {
			this.lock.unlock();
		}
	}

}
