package dev.p2pchat.peer.it;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/**
 * A real tracker and real peers ({@link TestPeer}), each linked to every other one before
 * {@link #start} returns; closing it stops them all.
 */
final class TestChat implements AutoCloseable {

	private final TrackerProcess tracker;

	private final List<TestPeer> peers = new ArrayList<>();

	private TestChat(TrackerProcess tracker) {
		this.tracker = tracker;
	}

	static TestChat start(String... usernames) {
		return start(Map.of(), usernames);
	}

	/** Starts the peers with these extra properties. */
	static TestChat start(Map<String, Object> properties, String... usernames) {
		var chat = new TestChat(TrackerProcess.start());
		try {
			for (String username : usernames) {
				chat.peers.add(TestPeer.start(username, chat.tracker.url(), properties));
			}
			int others = usernames.length - 1;
			await().atMost(Duration.ofSeconds(10))
				.until(() -> chat.peers.stream().allMatch((peer) -> peer.mesh().liveLinks() == others));
			return chat;
		}
		catch (RuntimeException | Error ex) {
			chat.close();
			throw ex;
		}
	}

	/** Starts one more peer and waits until it is linked to every other one. */
	TestPeer join(String username) {
		TestPeer peer = TestPeer.start(username, this.tracker.url());
		this.peers.add(peer);
		int others = this.peers.size() - 1;
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.peers.stream().allMatch((each) -> each.mesh().liveLinks() == others));
		return peer;
	}

	/** The peer started {@code index}th. */
	URI trackerUrl() {
		return this.tracker.url();
	}

	TestPeer peer(int index) {
		return this.peers.get(index);
	}

	@Override
	public void close() {
		for (TestPeer peer : this.peers) {
			peer.close();
		}
		this.tracker.close();
	}

}
