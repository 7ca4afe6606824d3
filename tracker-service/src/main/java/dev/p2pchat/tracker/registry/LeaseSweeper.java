package dev.p2pchat.tracker.registry;

import lombok.extern.slf4j.Slf4j;

/**
 * Drops peers whose lease has run out. Scheduled at
 * {@code p2pchat.tracker.sweep-interval}; the registry's clock decides what "run out"
 * means, so tests move time by hand.
 */
@Slf4j
public final class LeaseSweeper implements Runnable {

	private final PeerRegistry registry;

	public LeaseSweeper(PeerRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void run() {
		try {
			int expired = this.registry.expireDue();
			if (expired > 0) {
				log.debug("expired {} peer(s)", expired);
			}
		}
		catch (RuntimeException ex) {
			log.error("lease sweep failed", ex);
		}
	}

}
