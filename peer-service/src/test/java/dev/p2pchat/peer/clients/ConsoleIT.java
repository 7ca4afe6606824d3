package dev.p2pchat.peer.clients;

import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The terminal client end to end: a tracker, bob (a plain peer) and alice (a peer started
 * with {@code p2pchat.peer.console=true}) as real processes; the test types alice's
 * commands on her standard input and reads her standard output. A fourth peer checks that
 * the end of input quits cleanly.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleIT {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private static LocalChat chat;

	private static JarProcess alice;

	private static JarProcess bob;

	@BeforeAll
	static void start() {
		chat = LocalChat.start();
		alice = chat.peer("alice", "--p2pchat.peer.console=true");
		bob = chat.peer("bob");
		chat.awaitLinked();
		awaitOutput("You are alice.");
	}

	@AfterAll
	static void stop() {
		if (chat != null) {
			chat.close();
		}
	}

	@Test
	@Order(1)
	void plainLineBroadcastsToOtherPeers() {
		alice.type("hello from the terminal");

		await().atMost(WAIT).untilAsserted(() -> assertThat(messages(bob)).anySatisfy((m) -> {
			assertThat(m.path("from").asString()).isEqualTo("alice");
			assertThat(m.path("text").asString()).isEqualTo("hello from the terminal");
			assertThat(m.path("to").isNull()).isTrue();
		}));
		awaitOutputMatching("\\d\\d:\\d\\d ✓ delivered to bob: hello from the terminal");
	}

	@Test
	@Order(2)
	void incomingMessagesArePrintedPrivateOnesMarked() {
		bob.post("/messages", "{\"text\":\"hi terminal\"}");
		bob.post("/messages", "{\"to\":\"alice\",\"text\":\"just for you\"}");

		awaitOutputMatching("\\d\\d:\\d\\d bob: hi terminal");
		awaitOutputMatching("\\d\\d:\\d\\d \\[private\\] bob: just for you");
		LocalDate today = LocalDate.now();
		assertThat(alice.output())
			.contains("-- " + today.format(DateTimeFormatter.ofPattern("EEEE d MMMM uuuu", Locale.ENGLISH)) + " --");
	}

	@Test
	@Order(3)
	void msgWithQuotesSendsPrivately() {
		alice.type("msg 'bob' 'hello there'");

		await().atMost(WAIT).untilAsserted(() -> assertThat(messages(bob)).anySatisfy((m) -> {
			assertThat(m.path("from").asString()).isEqualTo("alice");
			assertThat(m.path("to").asString()).isEqualTo("bob");
			assertThat(m.path("text").asString()).isEqualTo("hello there");
		}));
	}

	@Test
	@Order(4)
	void msgWithoutArgumentsPrintsUsageAndKeepsRunning() {
		alice.type("msg");
		alice.type("msg nobody hi");

		awaitOutput("usage: msg <username> <text>");
		awaitOutput("Could not find peer with username nobody");
		assertThat(alice.process().isAlive()).isTrue();
	}

	@Test
	@Order(5)
	void peersListsTheOthersWithTheirLinks() {
		alice.type("peers");

		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(alice.output())
				.anySatisfy((line) -> assertThat(line).matches("\\s+bob\\s+connected")));
	}

	@Test
	@Order(6)
	void renameWithNameRenamesEverywhere() {
		alice.type("rename alicia");

		awaitOutput("You are now known as alicia.");
		await().atMost(WAIT).untilAsserted(() -> assertThat(chat.trackerUsernames()).contains("alicia"));
		await().atMost(WAIT).untilAsserted(() -> assertThat(LocalChat.links(bob)).containsKey("alicia"));
	}

	@Test
	@Order(7)
	void renameAloneTakesTheNameFromTheNextLine() {
		alice.type("rename");
		awaitOutput("Enter new username:");
		alice.type("Brian");

		awaitOutput("You are now known as Brian.");
		await().atMost(WAIT).untilAsserted(() -> assertThat(chat.trackerUsernames()).contains("Brian"));
	}

	@Test
	@Order(8)
	void renameToTakenNameKeepsTheOldOne() {
		alice.type("rename BOB");

		awaitOutput("The username BOB is taken; you are still Brian.");
	}

	@Test
	@Order(9)
	void renameOfAnotherPeerIsPrinted() {
		bob.put("/me", "{\"username\":\"robert\"}");

		awaitOutput("bob is now known as robert.");
	}

	@Test
	@Order(10)
	void quitLeavesTheTrackerAtOnceAndExits() throws Exception {
		alice.type("quit");

		assertThat(alice.process().waitFor(30, TimeUnit.SECONDS)).as("alice exited; output:%n%s", alice.tail())
			.isTrue();
		assertThat(alice.process().exitValue()).isZero();
		assertThat(alice.output()).contains("Brian has left the chat.");
		// the tracker's lease is 60 s here: gone this fast means the peer deleted its
		// record
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(chat.trackerUsernames()).doesNotContain("Brian"));
	}

	@Test
	@Order(11)
	void endOfInputQuitsCleanly() throws Exception {
		JarProcess carol = chat.peer("carol", "--p2pchat.peer.console=true");
		carol.awaitReady();
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(carol.output())
				.contains("You are carol. Type a line to send it to everyone, or help."));

		carol.closeInput();

		assertThat(carol.process().waitFor(30, TimeUnit.SECONDS)).as("carol exited; output:%n%s", carol.tail())
			.isTrue();
		assertThat(carol.process().exitValue()).isZero();
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(chat.trackerUsernames()).doesNotContain("carol"));
	}

	private static void awaitOutputMatching(String regex) {
		await("alice prints " + regex).atMost(WAIT)
			.untilAsserted(() -> assertThat(alice.output()).as(alice.tail())
				.anySatisfy((line) -> assertThat(line).matches(regex)));
	}

	private static void awaitOutput(String text) {
		await("alice prints " + text).atMost(WAIT)
			.untilAsserted(() -> assertThat(alice.output()).as(alice.tail())
				.anySatisfy((line) -> assertThat(line).contains(text)));
	}

	private static List<JsonNode> messages(JarProcess peer) {
		return LocalChat.JSON.readTree(peer.get("/messages?limit=200")).valueStream().toList();
	}

}
