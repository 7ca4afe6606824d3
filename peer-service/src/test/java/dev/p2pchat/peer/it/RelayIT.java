package dev.p2pchat.peer.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two peers "behind NAT" (they advertise an address where nothing answers and say they
 * are not reachable) and two reachable relays, all real jars on loopback: the NAT'd peers
 * dial the reachable ones, and link with each other through a relay, end to end
 * encrypted; when that relay dies they move to the other one and lose nothing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RelayIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static TrackerProcess tracker;

	private static PeerJar relayOne;

	private static PeerJar relayTwo;

	private static PeerJar natOne;

	private static PeerJar natTwo;

	@BeforeAll
	static void startPeers() {
		tracker = TrackerProcess.start();
		relayOne = PeerJar.start("relay-one", tracker.url());
		relayTwo = PeerJar.start("relay-two", tracker.url());
		natOne = behindNat("nat-one");
		natTwo = behindNat("nat-two");
	}

	@AfterAll
	static void stopPeers() {
		for (AutoCloseable running : new AutoCloseable[] { natOne, natTwo, relayOne, relayTwo, tracker }) {
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

	/** A peer nobody can dial: its advertised port has nothing listening. */
	static PeerJar behindNat(String username) {
		return PeerJar.start(username, tracker.url(), "--p2pchat.peer.reachable=false",
				"--p2pchat.peer.advertised-url=http://127.0.0.1:" + TrackerProcess.freePort());
	}

	@Test
	@Order(1)
	void joinWhenBehindNatLinksWithEveryReachablePeerAndTheDirectorySaysSo() {
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			for (PeerJar nat : List.of(natOne, natTwo)) {
				assertThat(RelayLinks.link(nat, relayOne)).isEqualTo("connected");
				assertThat(RelayLinks.link(nat, relayTwo)).isEqualTo("connected");
				assertThat(RelayLinks.link(relayOne, nat)).isEqualTo("connected");
				assertThat(RelayLinks.link(relayTwo, nat)).isEqualTo("connected");
			}
		});

		JsonNode directory = directory(tracker);
		assertThat(reachable(directory, natOne.id())).isFalse();
		assertThat(reachable(directory, natTwo.id())).isFalse();
		assertThat(reachable(directory, relayOne.id())).isTrue();
		assertThat(reachable(directory, relayTwo.id())).isTrue();
	}

	@Test
	@Order(2)
	void linkWhenNeitherCanDialRunsThroughARelayShownWithIt() {
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(RelayLinks.link(natOne, natTwo)).isEqualTo("relayed");
			assertThat(RelayLinks.link(natTwo, natOne)).isEqualTo("relayed");
		});

		String via = RelayLinks.peer(natOne, natTwo).path("via").asString();
		assertThat(via).isIn(relayOne.id(), relayTwo.id());
		assertThat(RelayLinks.peer(natTwo, natOne).path("via").asString()).isEqualTo(via);
		assertThat(RelayLinks.peer(natOne, relayOne).has("via")).isFalse();
	}

	@Test
	@Order(3)
	void chatWhenRelayedDeliversOnceInOrderAndTheRelayKeepsNoText() {
		String tag = "relayed " + UUID.randomUUID();
		await().atMost(Duration.ofSeconds(30)).until(() -> "relayed".equals(RelayLinks.link(natOne, natTwo)));
		PeerJar relay = relayOf(natOne, natTwo);

		List<String> ids = IntStream.range(0, 20)
			.mapToObj((i) -> send(natOne, (i % 2 == 0) ? "nat-two" : null, tag + " " + i))
			.toList();

		List<String> expected = IntStream.range(0, 20).mapToObj((i) -> tag + " " + i).toList();
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(
					() -> assertThat(RelayLinks.texts(natTwo, "nat-one", tag)).containsExactlyElementsOf(expected));
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(ids)
				.allSatisfy((id) -> assertThat(natOne.json("/messages/" + id).path("recipients").toString())
					.contains(natTwo.id())
					.doesNotContain("pending")));
		assertThat(natOne.json("/messages/" + ids.getFirst()).toString()).contains("\"state\":\"delivered\"");
		String secret = tag + " 0";
		assertThat(RelayLinks.texts(relay, "nat-one", tag)).doesNotContain(secret)
			.allSatisfy((text) -> assertThat(expected.indexOf(text) % 2).as("only broadcasts reach the relay")
				.isEqualTo(1));
		assertThat(RelayLinks.traces(relay, secret)).as("the relay's files and log").isEmpty();
		assertThat(relay.metric("p2pchat.relay.bytes")).isPositive();
		assertThat(relay.metric("p2pchat.relay.circuits")).isEqualTo(1.0);
	}

	@Test
	@Order(4)
	void relayWhenKilledThePairMovesOnAndLosesNothing() {
		await().atMost(Duration.ofSeconds(30)).until(() -> "relayed".equals(RelayLinks.link(natOne, natTwo)));
		PeerJar relay = relayOf(natOne, natTwo);
		PeerJar other = (relay == relayOne) ? relayTwo : relayOne;
		String tag = "moved " + UUID.randomUUID();

		relay.kill();
		List<String> sent = IntStream.range(0, 30).mapToObj((i) -> tag + " " + i).toList();
		sent.forEach((text) -> send(natOne, "nat-two", text));

		await().atMost(Duration.ofSeconds(45))
			.untilAsserted(() -> assertThat(RelayLinks.texts(natTwo, "nat-one", tag)).containsExactlyElementsOf(sent));
		assertThat(RelayLinks.peer(natOne, natTwo).path("via").asString()).isEqualTo(other.id());
		await().during(Duration.ofSeconds(1))
			.atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(RelayLinks.texts(natTwo, "nat-one", tag)).containsExactlyElementsOf(sent));
	}

	private static PeerJar relayOf(PeerJar from, PeerJar to) {
		String via = RelayLinks.peer(from, to).path("via").asString();
		return via.equals(relayOne.id()) ? relayOne : relayTwo;
	}

	private static String send(PeerJar from, String to, String text) {
		String body = (to != null) ? "{\"to\":\"" + to + "\",\"text\":\"" + text + "\"}"
				: "{\"text\":\"" + text + "\"}";
		var response = from.post("/messages", body);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		return JSON.readTree(response.body()).path("id").asString();
	}

	/** The tracker's {@code GET /peers}. */
	static JsonNode directory(TrackerProcess tracker) {
		try (var http = java.net.http.HttpClient.newHttpClient()) {
			var response = http.send(java.net.http.HttpRequest.newBuilder(tracker.url().resolve("/peers")).build(),
					java.net.http.HttpResponse.BodyHandlers.ofString());
			return JSON.readTree(response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
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
