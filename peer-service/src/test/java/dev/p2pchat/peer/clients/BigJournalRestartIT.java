package dev.p2pchat.peer.clients;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import dev.p2pchat.peer.messaging.HistoryFiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A peer restarted on the journal a big-text attack left (issue 18: 1,626 received texts
 * of 65,000 non-Latin-1 characters, ~213 MB, which once killed the peer with
 * OutOfMemoryError on every start), started as the image starts it: 256 MB heap, exit on
 * OutOfMemoryError. It starts, keeps the newest messages within the history's byte bound
 * and answers its owner.
 */
class BigJournalRestartIT {

	private static final int ATTACK_MESSAGES = 1_626;

	private static final long DEFAULT_MAX_BYTES = 64L * 1024 * 1024;

	@TempDir
	Path dirs;

	@Test
	void startWhenTheJournalHoldsABigTextAttackKeepsTheNewestWithinTheBoundAndAnswersItsOwner() throws IOException {
		Path dataDir = this.dirs.resolve("victim");
		long writing = System.nanoTime();
		HistoryFiles.writeReceived(dataDir.resolve("history"), ATTACK_MESSAGES, BigJournalRestartIT::text);
		long journalBytes = size(dataDir.resolve("history"));
		System.out.printf("BigJournalRestartIT: wrote %,d bytes of journal in %d ms%n", journalBytes,
				millisSince(writing));
		assertThat(journalBytes).isGreaterThan(200_000_000L);
		List<String> expected = newestWithinTheBound();

		// the comparison start below is another key under the same name: no reservation
		try (LocalChat chat = LocalChat.start("--p2pchat.tracker.name-reservation=0s")) {
			chat.tracker().awaitReady();
			int port = JarProcess.freePort();
			// for comparison: the same start on an empty data directory, in the same run
			startVictim(chat, JarProcess.freePort(), this.dirs.resolve("empty"), "empty data directory").close();

			JarProcess victim = startVictim(chat, port, dataDir, "first start");
			try {
				assertThat(texts(victim)).as("the newest %d messages, in order", expected.size())
					.containsExactlyElementsOf(expected);
				reportHeap(victim);
				var sent = victim.postForResponse("/messages", "{\"text\":\"still here\"}");
				assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
				assertThat(newest(victim)).isEqualTo("still here");
			}
			finally {
				victim.close();
			}
			System.out.printf("BigJournalRestartIT: history files after the first start: %,d bytes%n",
					size(dataDir.resolve("history")));

			JarProcess again = startVictim(chat, port, dataDir, "second start");
			try {
				List<String> kept = texts(again);
				assertThat(kept).last().isEqualTo("still here");
				// the owner's message may have pushed the oldest out
				assertThat(kept.subList(0, kept.size() - 1)).isSubsetOf(expected)
					.endsWith(expected.getLast())
					.hasSizeBetween(expected.size() - 1, expected.size());
			}
			finally {
				again.close();
			}
		}
	}

	private static JarProcess startVictim(LocalChat chat, int port, Path dataDir, String which) {
		long started = System.nanoTime();
		JarProcess victim = JarProcess
			.start("victim-" + which.replace(' ', '-'), JarProcess.jar("p2pchat.it.peer-jar"), port,
					List.of("-XX:+ExitOnOutOfMemoryError", "-Xlog:gc"), "--p2pchat.peer.username=victim",
					"--p2pchat.peer.tracker-url=http://127.0.0.1:" + chat.tracker().port(),
					"--p2pchat.peer.advertised-url=http://127.0.0.1:" + port, "--p2pchat.peer.data-dir=" + dataDir,
					"--p2pchat.peer.api-token=" + LocalChat.token("victim"))
			.withToken(LocalChat.token("victim"));
		await("victim ready").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
			assertThat(victim.process().isAlive()).as("victim alive; output:%n%s", victim.tail()).isTrue();
			assertThat(victim.status("/actuator/health/readiness")).isEqualTo(200);
		});
		long readyMs = millisSince(started);
		String read = victim.output()
			.stream()
			.filter((line) -> line.contains("record(s) read in"))
			.findFirst()
			.orElse("(no journal line)");
		System.out.printf("BigJournalRestartIT: %s: ready in %d ms; journal: %s%n", which, readyMs,
				read.substring(Math.max(0, read.indexOf("history:"))));
		return victim;
	}

	/**
	 * What the default bounds keep of the attack: the newest, as far as their weight
	 * goes.
	 */
	private static List<String> newestWithinTheBound() {
		List<String> newestFirst = new ArrayList<>();
		long weight = 0;
		for (int i = ATTACK_MESSAGES - 1; i >= 0; i--) {
			weight += HistoryFiles.weight(text(i));
			if (weight > DEFAULT_MAX_BYTES) {
				break;
			}
			newestFirst.add(label(text(i)));
		}
		assertThat(newestFirst).hasSizeBetween(400, 600);
		return newestFirst.reversed();
	}

	private static String text(int i) {
		return i + " " + "ж".repeat(65_000);
	}

	/**
	 * A text as assertions show it: its number and length (a failure must not print 100
	 * MB).
	 */
	private static String label(String text) {
		int space = text.indexOf(' ');
		return (space > 0 && text.length() > 1_000) ? text.substring(0, space) + " (" + text.length() + " chars)"
				: text;
	}

	/**
	 * The whole history's texts as {@link #label}s, oldest first, a few large messages
	 * per page.
	 */
	private static List<String> texts(JarProcess peer) {
		List<String> texts = new ArrayList<>();
		List<JsonNode> page = page(peer.get("/messages?limit=20"));
		while (!page.isEmpty()) {
			texts.addAll(0, page.stream().map((message) -> label(message.path("text").asString())).toList());
			page = page(peer.get("/messages?limit=20&before=" + page.getFirst().path("id").asString()));
		}
		return texts;
	}

	private static String newest(JarProcess peer) {
		return page(peer.get("/messages?limit=1")).getFirst().path("text").asString();
	}

	private static List<JsonNode> page(String json) {
		List<JsonNode> nodes = new ArrayList<>();
		LocalChat.JSON.readTree(json).forEach(nodes::add);
		return nodes;
	}

	/**
	 * Prints the heap in use after a full collection, and checks it is within the bound.
	 */
	private static void reportHeap(JarProcess peer) {
		Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
		try {
			Process gc = new ProcessBuilder(jcmd.toString(), String.valueOf(peer.process().pid()), "GC.run")
				.redirectErrorStream(true)
				.start();
			gc.getInputStream().readAllBytes();
			assertThat(gc.waitFor(60, TimeUnit.SECONDS)).isTrue();
		}
		catch (IOException ex) {
			System.out.println("BigJournalRestartIT: no jcmd (" + ex + "); heap not collected first");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		double used = LocalChat.JSON.readTree(peer.get("/actuator/metrics/jvm.memory.used?tag=area:heap"))
			.path("measurements")
			.get(0)
			.path("value")
			.asDouble();
		System.out.printf("BigJournalRestartIT: heap in use after a full GC: %.1f MB%n", used / 1e6);
		// the history bound (64 MB) plus the peer's own ~40 MB; the attack's messages
		// unbounded would be over 200 MB
		assertThat(used).isLessThan(160e6);
	}

	private static long size(Path dir) throws IOException {
		try (Stream<Path> files = Files.list(dir)) {
			long total = 0;
			for (Path file : files.toList()) {
				total += Files.size(file);
			}
			return total;
		}
	}

	private static long millisSince(long nanos) {
		return (System.nanoTime() - nanos) / 1_000_000;
	}

}
