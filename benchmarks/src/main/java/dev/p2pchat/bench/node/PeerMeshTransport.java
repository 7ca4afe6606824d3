package dev.p2pchat.bench.node;

import java.util.function.Consumer;

import org.springframework.context.ApplicationContext;

/**
 * Adapts the peer's public in-process mesh API (see docs/peer.md) to a {@link Transport}.
 */
final class PeerMeshTransport implements Transport {

	private PeerMeshTransport() {
	}

	static Transport from(ApplicationContext context) {
		throw new IllegalStateException("the peer has no documented in-process mesh API yet (docs/peer.md)");
	}

	@Override
	public void broadcast(String text) {
		throw new UnsupportedOperationException();
	}

	@Override
	public void onDelivered(Consumer<String> listener) {
		throw new UnsupportedOperationException();
	}

}
