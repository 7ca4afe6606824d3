package dev.p2pchat.peer.messaging;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.p2pchat.peer.store.Journal;
import dev.p2pchat.peer.store.SyncPolicy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

class HistoryStoreTests {

	private static final Journal.Settings SETTINGS = new Journal.Settings(SyncPolicy.BATCH, Duration.ofMillis(50));

	private static final Instant T0 = Instant.parse("2026-12-02T01:00:00Z");

	@TempDir
	Path dir;

	@Test
	void openWhenRestartedRestoresMessagesRecipientsAndStates() {
		var restored = new LinkedHashMap<UUID, LoggedMessage>();
		LoggedMessage sent = sent(1, "hello bob", "bob-id", "carol-id");
		LoggedMessage received = LoggedMessage.received(new ChatMessage(UUID.randomUUID(), "bob-id", "bob", "me",
				"alice", "private ünïcödé", T0.plusNanos(123_456_789)));
		try (HistoryStore store = HistoryStore.open(this.dir, SETTINGS, restored)) {
			var log = new MessageLog(100, store, List.of());
			log.append(sent);
			log.await(log.append(received));
			log.settled(sent, sent.settle("bob-id", DeliveryState.DELIVERED));
		}

		var log = reopen(100);

		assertThat(log.all()).extracting(LoggedMessage::message).containsExactly(sent.message(), received.message());
		assertThat(log.all().getFirst().recipients()).extracting(Recipient::peerId, Recipient::state)
			.containsExactly(tuple("bob-id", DeliveryState.DELIVERED), tuple("carol-id", DeliveryState.PENDING));
	}

	@Test
	void openWhenTwoSendersUsedOneIdRestoresBothEachUnderItsSender() {
		UUID id = UUID.randomUUID();
		var squatted = LoggedMessage.received(new ChatMessage(id, "mallory-id", "mallory", null, null, "mine", T0));
		var original = LoggedMessage.received(new ChatMessage(id, "alice-id", "alice", null, null, "alice's", T0));
		try (HistoryStore store = HistoryStore.open(this.dir, SETTINGS, new LinkedHashMap<>())) {
			var log = new MessageLog(100, store, List.of());
			log.append(squatted);
			log.await(log.append(original));
		}

		var log = reopen(100);

		assertThat(log.all()).extracting(LoggedMessage::message)
			.containsExactly(squatted.message(), original.message());
		assertThat(log.find("alice-id", id))
			.hasValueSatisfying((logged) -> assertThat(logged.message().text()).isEqualTo("alice's"));
	}

	@Test
	void appendWhenPastTwiceTheCapacityCompactsAndKeepsTheNewest() throws IOException {
		var restored = new LinkedHashMap<UUID, LoggedMessage>();
		try (HistoryStore store = HistoryStore.open(this.dir, SETTINGS, restored)) {
			var log = new MessageLog(100, store, List.of());
			for (int i = 0; i < 450; i++) {
				log.append(sent(i, "message " + i, "bob-id"));
			}
			await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(files()).contains("snapshot-3.dat"));
		}

		var log = reopen(100);

		assertThat(log.all()).extracting((logged) -> logged.message().text())
			.containsExactlyElementsOf(
					Stream.iterate(350, (i) -> i + 1).limit(100).map((i) -> "message " + i).toList());
		assertThat(files()).doesNotContain("journal-1.log", "journal-2.log");
	}

	@Test
	void openWhenTheJournalIsCutKeepsTheIntactMessages() throws IOException {
		try (HistoryStore store = HistoryStore.open(this.dir, SETTINGS, new LinkedHashMap<>())) {
			var log = new MessageLog(1000, store, List.of());
			for (int i = 0; i < 100; i++) {
				log.append(sent(i, "message " + i, "bob-id"));
			}
		}
		Path file = this.dir.resolve("journal-1.log");
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
			channel.truncate(Files.size(file) * 2 / 3);
		}

		var log = reopen(1000);

		assertThat(log.all()).hasSizeBetween(60, 67)
			.allSatisfy(
					(logged) -> assertThat(logged.message().text()).isEqualTo("message " + log.all().indexOf(logged)));
	}

	@Test
	void openWhenTenThousandMessagesAreStoredIsFast() {
		try (HistoryStore store = HistoryStore.open(this.dir, SETTINGS, new LinkedHashMap<>())) {
			var log = new MessageLog(10_000, store, List.of());
			for (int i = 0; i < 10_000; i++) {
				log.append(sent(i, "x".repeat(100) + i, "bob-id", "carol-id", "dave-id"));
			}
		}

		long started = System.nanoTime();
		var log = reopen(10_000);
		Duration took = Duration.ofNanos(System.nanoTime() - started);

		assertThat(log.all()).hasSize(10_000);
		assertThat(took).isLessThan(Duration.ofSeconds(2));
	}

	private MessageLog reopen(int capacity) {
		var restored = new LinkedHashMap<UUID, LoggedMessage>();
		try (HistoryStore store = HistoryStore.open(this.dir, SETTINGS, restored)) {
			return new MessageLog(capacity, null, restored.values());
		}
	}

	private List<String> files() throws IOException {
		try (Stream<Path> files = Files.list(this.dir)) {
			return files.map((file) -> file.getFileName().toString()).toList();
		}
	}

	private static LoggedMessage sent(int n, String text, String... recipients) {
		var message = new ChatMessage(UUID.randomUUID(), "me", "alice", null, null, text, T0.plusSeconds(n));
		List<String> peerIds = List.of(recipients);
		return new LoggedMessage(message, peerIds, peerIds.stream().map((id) -> id.replace("-id", "")).toList());
	}

}
