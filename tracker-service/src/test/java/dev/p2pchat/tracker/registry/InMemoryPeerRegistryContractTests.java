package dev.p2pchat.tracker.registry;

import dev.p2pchat.tracker.MutableClock;

/**
 * The registry contract against {@link InMemoryPeerRegistry}; its second "replica" is
 * itself.
 */
class InMemoryPeerRegistryContractTests extends PeerRegistryContract {

	@Override
	PeerRegistry newRegistry(MutableClock clock) {
		return new InMemoryPeerRegistry(clock, LEASE);
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
