package dev.p2pchat.tracker.registry;

import java.time.Duration;

import dev.p2pchat.tracker.MutableClock;

/**
 * The name reservation contract against {@link InMemoryPeerRegistry}; its second
 * "replica" is itself.
 */
class InMemoryNameReservationTests extends NameReservationContract {

	@Override
	PeerRegistry newRegistry(MutableClock clock, Duration reservation) {
		return new InMemoryPeerRegistry(clock, LEASE, 10_000, reservation);
	}

	@Override
	PeerRegistry secondReplica(MutableClock clock) {
		return this.registry;
	}

	@Override
	void close(PeerRegistry registry) {
		// nothing to release
	}

}
