package dev.p2pchat.tracker.registry;

import java.time.Duration;

import dev.p2pchat.tracker.MutableClock;

class InMemoryPeerRegistryTrustTests extends PeerRegistryTrustContract {

	@Override
	protected PeerRegistry create(MutableClock clock, Duration lease, int maxPeers) {
		return new InMemoryPeerRegistry(clock, lease, maxPeers);
	}

}
