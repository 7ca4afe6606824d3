package dev.p2pchat.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.containers.Network;
import org.testcontainers.lifecycle.Startables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The used-by setup as containers: a tracker and the peers alice, bob and carol on a
 * network of their own, each peer advertising its network alias, like docker-compose.yml.
 * Started once per test class (register it as a static {@code @RegisterExtension}) and
 * stopped after it, so that nothing is left behind also where Ryuk is turned off.
 */
final class ChatStack implements BeforeAllCallback, AfterAllCallback {

	static final List<String> PEERS = List.of("alice", "bob", "carol");

	private @Nullable Network network;

	private @Nullable Node tracker;

	private final Map<String, Node> peers = new LinkedHashMap<>();

	@Override
	public void beforeAll(ExtensionContext context) {
		DockerRequired.check();
		try {
			start();
		}
		catch (RuntimeException ex) {
			afterAll(context);
			throw ex;
		}
	}

	private void start() {
		Network net = Network.newNetwork();
		this.network = net;
		Node trackerNode = new Node("tracker", ServiceImage.TRACKER, net);
		this.tracker = trackerNode;
		for (String username : PEERS) {
			this.peers.put(username,
					new Node(username, ServiceImage.PEER, net).withEnv("P2PCHAT_PEER_USERNAME", username)
						.withEnv("P2PCHAT_PEER_API_TOKEN", token(username))
						.withEnv("P2PCHAT_PEER_ADVERTISED_URL", "http://" + username + ":8081")
						.withEnv("P2PCHAT_PEER_TRACKER_URL", "http://tracker:8080"));
		}
		// all four at once: the peers retry the tracker until it is up, as they must
		// anyway
		Startables.deepStart(Stream.concat(Stream.of(trackerNode), this.peers.values().stream()).map(Node::container))
			.join();
		awaitMesh();
	}

	/** Waits until every peer is linked to every other one. */
	void awaitMesh() {
		for (String username : PEERS) {
			List<String> others = new ArrayList<>(PEERS);
			others.remove(username);
			await("links of " + username).atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(peer(username).connectedUsernames())
					.containsExactlyInAnyOrderElementsOf(others));
		}
	}

	/** The owner's token of the peer of that name. */
	static String token(String username) {
		return "e2e-token-of-" + username;
	}

	Node trackerNode() {
		return require(this.tracker);
	}

	TrackerApi tracker() {
		return new TrackerApi(trackerNode()::baseUri);
	}

	Node node(String username) {
		return require(this.peers.get(username));
	}

	PeerApi peer(String username) {
		return new PeerApi(node(username)::baseUri, token(username));
	}

	private static Node require(@Nullable Node node) {
		if (node == null) {
			throw new IllegalStateException("the stack is not running");
		}
		return node;
	}

	@Override
	public void afterAll(ExtensionContext context) {
		this.peers.values().forEach(Node::close);
		this.peers.clear();
		if (this.tracker != null) {
			this.tracker.close();
			this.tracker = null;
		}
		if (this.network != null) {
			this.network.close();
			this.network = null;
		}
	}

}
