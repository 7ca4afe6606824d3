package dev.p2pchat.peer.it;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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
		var chat = new TestChat(TrackerProcess.start());
		try {
			for (String username : usernames) {
				chat.peers.add(TestPeer.start(username, chat.tracker.url()));
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
