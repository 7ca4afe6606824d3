package dev.p2pchat.tracker.ops;

import java.util.stream.Collectors;

import dev.p2pchat.tracker.registry.PeerList;
import dev.p2pchat.tracker.registry.PeerRegistry;
import lombok.extern.slf4j.Slf4j;

import org.springframework.stereotype.Component;

/**
 * Logs the live peers on one line, as the original tracker did; scheduled every
 * {@code p2pchat.tracker.log-interval}.
 */
@Slf4j
@Component
public class PeerListLogger {

	private final PeerRegistry registry;

	PeerListLogger(PeerRegistry registry) {
		this.registry = registry;
	}

	/**
	 * Logs, for example, {@code live peers (2): alice http://localhost:8081, bob
	 * http://localhost:8082}.
	 */
	public void logPeers() {
		PeerList list = this.registry.list();
		String peers = list.peers()
			.stream()
			.map((peer) -> peer.username() + " " + peer.url())
			.collect(Collectors.joining(", "));
		log.info("live peers ({}): {}", list.peers().size(), list.peers().isEmpty() ? "none" : peers);
	}

}
