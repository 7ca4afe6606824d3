package dev.p2pchat.peer.it;

import java.time.Duration;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code p2pchat.peer.reachable=auto} learned from dial-backs, with real jars: a peer
 * that others can dial learns that it is reachable, one whose advertised address answers
 * nothing learns that it is not, says so in the directory and still links (it dials).
 */
class ReachabilityIT {

	private static TrackerProcess tracker;

	private static PeerJar open;

	private static PeerJar hidden;

	@BeforeAll
	static void startPeers() {
		tracker = TrackerProcess.start();
		open = PeerJar.start("open", tracker.url());
		hidden = PeerJar.start("hidden", tracker.url(),
				"--p2pchat.peer.advertised-url=http://127.0.0.1:" + TrackerProcess.freePort());
	}

	@AfterAll
	static void stopPeers() {
		for (AutoCloseable running : new AutoCloseable[] { hidden, open, tracker }) {
			try {
				if (running != null) {
					running.close();
				}
			}
			catch (Exception ex) {
				// the others still stop
			}
		}
	}

	@Test
	void reachableWhenAutoIsLearnedFromDialBacksAndListedByTheTracker() {
		String openId = open.id();
		String hiddenId = hidden.id();

		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			JsonNode directory = RelayIT.directory(tracker);
			assertThat(reachable(directory, hiddenId)).as("hidden").isFalse();
			assertThat(reachable(directory, openId)).as("open").isTrue();
		});
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(RelayLinks.link(hidden, open)).isEqualTo("connected");
			assertThat(RelayLinks.link(open, hidden)).isEqualTo("connected");
		});
		assertThat(RelayLinks.traces(open, "learned from a dial-back that this peer is reachable")).isNotEmpty();
		assertThat(RelayLinks.traces(hidden, "learned from a dial-back that this peer is not reachable")).isNotEmpty();
	}

	private static boolean reachable(JsonNode directory, String peerId) {
		for (JsonNode peer : directory) {
			if (peer.path("peerId").asString().equals(peerId)) {
				return peer.path("reachable").asBoolean();
			}
		}
		throw new AssertionError(peerId + " not listed");
	}

}
