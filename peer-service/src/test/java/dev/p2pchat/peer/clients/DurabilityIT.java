package dev.p2pchat.peer.clients;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import dev.p2pchat.peer.store.JournalFiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a peer keeps across crashes, with real peer processes killed with {@code kill -9}
 * and started again on the same data directory (same port: the same peer).
 */
class DurabilityIT {

	private static final Duration PATIENCE = Duration.ofSeconds(60);

	@TempDir
	Path dirs;

	@Test
	void privateMessagesWhenSenderIsKilledAfter202AreDeliveredAfterItsRestart() {
		try (LocalChat chat = startTracker()) {
			Peer alice = new Peer(chat, "alice");
			Peer carol = new Peer(chat, "carol");
			chat.awaitLinked();
			carol.kill();

			List<String> ids = new ArrayList<>();
			for (int i = 0; i < 50; i++) {
				ids.add(alice.send("{\"to\":\"carol\",\"text\":\"private " + i + "\"}"));
			}
			alice.kill();
			alice.start();
			carol.start();

			List<String> expected = IntStream.range(0, 50).mapToObj((i) -> "private " + i).toList();
			await("carol has the 50").atMost(PATIENCE)
				.untilAsserted(() -> assertThat(texts(carol.process(), "alice")).containsExactlyElementsOf(expected));
			await("alice shows them delivered").atMost(PATIENCE)
				.untilAsserted(() -> assertThat(ids)
					.allSatisfy((id) -> assertThat(states(alice.process(), id)).containsExactly("delivered")));
			assertThat(texts(alice.process(), "alice")).containsExactlyElementsOf(expected);
		}
	}

	@Test
	void broadcastBurstWhenBothSendersAreKilledReachesTheReceiverOnceInOrder() throws InterruptedException {
		try (LocalChat chat = startTracker()) {
			Peer alice = new Peer(chat, "alice");
			Peer bob = new Peer(chat, "bob");
			Peer carol = new Peer(chat, "carol");
			chat.awaitLinked();
			carol.kill();

			List<String> aliceIds = new ArrayList<>();
			List<String> bobIds = new ArrayList<>();
			Thread fromAlice = Thread.ofVirtual().start(() -> burst(alice, aliceIds));
			Thread fromBob = Thread.ofVirtual().start(() -> burst(bob, bobIds));
			fromAlice.join();
			fromBob.join();
			alice.kill();
			bob.kill();
			alice.start();
			bob.start();
			carol.start();

			await("carol has both bursts").atMost(PATIENCE).untilAsserted(() -> {
				assertThat(texts(carol.process(), "alice")).containsExactlyElementsOf(burstTexts("alice"));
				assertThat(texts(carol.process(), "bob")).containsExactlyElementsOf(burstTexts("bob"));
			});
			await("the senders show them delivered to carol").atMost(PATIENCE).untilAsserted(() -> {
				assertThat(carolState(alice.process(), aliceIds.getLast())).isEqualTo("delivered");
				assertThat(carolState(bob.process(), bobIds.getLast())).isEqualTo("delivered");
			});
			for (int i = 0; i < 1000; i += 37) {
				assertThat(carolState(alice.process(), aliceIds.get(i))).isEqualTo("delivered");
				assertThat(carolState(bob.process(), bobIds.get(i))).isEqualTo("delivered");
			}
			assertThat(texts(alice.process(), "bob")).containsExactlyElementsOf(burstTexts("bob"));
		}
	}

	@Test
	void receiverWhenKilledKeepsItsHistoryShowsNothingTwiceAndGetsWhatWasSentMeanwhile() throws IOException {
		try (LocalChat chat = startTracker()) {
			Peer alice = new Peer(chat, "alice");
			Peer carol = new Peer(chat, "carol");
			chat.awaitLinked();
			for (int i = 0; i < 20; i++) {
				alice.send("{\"text\":\"before " + i + "\"}");
			}
			await("carol has the first 20").atMost(PATIENCE)
				.untilAsserted(() -> assertThat(texts(carol.process(), "alice")).hasSize(20));

			carol.kill();
			for (int i = 0; i < 20; i++) {
				alice.send("{\"text\":\"while down " + i + "\"}");
			}
			carol.start();

			List<String> expected = new ArrayList<>();
			IntStream.range(0, 20).forEach((i) -> expected.add("before " + i));
			IntStream.range(0, 20).forEach((i) -> expected.add("while down " + i));
			await("carol has all 40 once").atMost(PATIENCE)
				.untilAsserted(() -> assertThat(texts(carol.process(), "alice")).containsExactlyElementsOf(expected));

			// a crash mid-write: the journal cut inside one of its records (seeded) costs
			// exactly that record and the ones after it, and carol still starts
			carol.kill();
			Path journal = carol.journal();
			List<Long> starts = JournalFiles.recordStarts(journal);
			assertThat(starts).as("one record per received message").hasSize(40);
			long seed = Long.getLong("durability.seed", System.nanoTime());
			System.out.println("DurabilityIT: journal cut with seed " + seed + " (-Ddurability.seed=" + seed + ")");
			var random = new Random(seed);
			int torn = 1 + random.nextInt(starts.size() - 1);
			long recordEnd = (torn + 1 < starts.size()) ? starts.get(torn + 1) : Files.size(journal);
			long cut = starts.get(torn) + 1 + random.nextLong(recordEnd - starts.get(torn) - 1);
			try (FileChannel channel = FileChannel.open(journal, StandardOpenOption.WRITE)) {
				channel.truncate(cut);
			}

			// alone first (no tracker to be found): what carol kept, before any catch-up
			JarProcess alone = carol.startAlone();
			assertThat(texts(alone, "alice")).as("seed %d: cut at %d inside record %d", seed, cut, torn)
				.containsExactlyElementsOf(expected.subList(0, torn));
			assertThat(alone.output()).as("seed %d", seed)
				.anySatisfy((line) -> assertThat(line).contains("kept " + torn + " intact record(s)")
					.contains((cut - starts.get(torn)) + " byte(s) of journal-1.log from offset " + starts.get(torn)));
			alone.close();

			carol.start();
			chat.awaitLinked();
			await("seed " + seed + ": carol gets the dropped ones again, once").atMost(PATIENCE)
				.untilAsserted(() -> assertThat(texts(carol.process(), "alice")).containsExactlyElementsOf(expected));
		}
	}

	/**
	 * The tracker first, alone: on a busy machine JVMs starting side by side are slow.
	 */
	private static LocalChat startTracker() {
		LocalChat chat = LocalChat.start();
		chat.tracker().awaitReady();
		return chat;
	}

	private static void burst(Peer sender, List<String> ids) {
		for (String text : burstTexts(sender.username)) {
			ids.add(sender.send("{\"text\":\"" + text + "\"}"));
		}
	}

	private static List<String> burstTexts(String username) {
		return IntStream.range(0, 1000).mapToObj((i) -> username + " burst " + i).toList();
	}

	/** The texts in the peer's history from that sender, oldest first. */
	private static List<String> texts(JarProcess peer, String from) {
		List<String> texts = new ArrayList<>();
		for (JsonNode message : history(peer)) {
			if (message.path("from").asString().equals(from)) {
				texts.add(message.path("text").asString());
			}
		}
		return texts;
	}

	/** The whole history, oldest first, read back a page at a time with before=. */
	static List<JsonNode> history(JarProcess peer) {
		List<JsonNode> newestPagesFirst = new ArrayList<>();
		List<JsonNode> page = list(peer.get("/messages?limit=1000"));
		while (!page.isEmpty()) {
			newestPagesFirst.addAll(0, page);
			page = list(peer.get("/messages?limit=1000&before=" + page.getFirst().path("id").asString()));
		}
		return newestPagesFirst;
	}

	private static List<JsonNode> list(String json) {
		List<JsonNode> nodes = new ArrayList<>();
		LocalChat.JSON.readTree(json).forEach(nodes::add);
		return nodes;
	}

	private static List<String> states(JarProcess peer, String id) {
		List<String> states = new ArrayList<>();
		LocalChat.JSON.readTree(peer.get("/messages/" + id))
			.path("recipients")
			.forEach((recipient) -> states.add(recipient.path("state").asString()));
		return states;
	}

	private static String carolState(JarProcess peer, String id) {
		for (JsonNode recipient : LocalChat.JSON.readTree(peer.get("/messages/" + id)).path("recipients")) {
			if (recipient.path("username").asString().equals("carol")) {
				return recipient.path("state").asString();
			}
		}
		return "none";
	}

	/** One user's peer: killed and started again on the same port and data directory. */
	private final class Peer {

		private final LocalChat chat;

		private final String username;

		private final int port = JarProcess.freePort();

		private final Path dataDir;

		private JarProcess process;

		Peer(LocalChat chat, String username) {
			this.chat = chat;
			this.username = username;
			this.dataDir = DurabilityIT.this.dirs.resolve(username);
			// one at a time: JVMs starting side by side on a busy machine miss the 90 s
			start();
		}

		void start() {
			this.process = this.chat.peer(this.username, this.port, this.dataDir);
			this.process.awaitReady();
		}

		/**
		 * Starts this peer on its data directory with no tracker to reach (so no links):
		 * it serves its owner from what it read back.
		 */
		JarProcess startAlone() {
			JarProcess alone = JarProcess
				.start(this.username + "-alone", JarProcess.jar("p2pchat.it.peer-jar"), this.port,
						"--p2pchat.peer.username=" + this.username,
						"--p2pchat.peer.tracker-url=http://127.0.0.1:" + JarProcess.freePort(),
						"--p2pchat.peer.advertised-url=http://127.0.0.1:" + this.port,
						"--p2pchat.peer.data-dir=" + this.dataDir,
						"--p2pchat.peer.api-token=" + LocalChat.token(this.username))
				.withToken(LocalChat.token(this.username));
			await(this.username + " alone serves its owner").atMost(Duration.ofSeconds(240))
				.pollInterval(Duration.ofMillis(250))
				.untilAsserted(() -> {
					assertThat(alone.process().isAlive()).as("alive; output:%n%s", alone.tail()).isTrue();
					assertThat(alone.status("/actuator/health/liveness")).isEqualTo(200);
				});
			return alone;
		}

		void kill() {
			this.process.kill();
			this.chat.forget(this.process);
		}

		JarProcess process() {
			return this.process;
		}

		Path journal() {
			return this.dataDir.resolve("history").resolve("journal-1.log");
		}

		/** Sends and returns the new message's id, asserting the 202. */
		String send(String json) {
			var response = this.process.postForResponse("/messages", json);
			assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
			return LocalChat.JSON.readTree(response.body()).path("id").asString();
		}

	}

}
