package dev.p2pchat.peer.messaging;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
		try (HistoryStore store = HistoryStore.open(this.dir, SETTINGS, HistoryBound.ofMessages(1_000_000), restored)) {
			var log = new MessageLog(HistoryBound.ofMessages(100), store, List.of());
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
	void openWhenAMessageWasKeptWithItsSignatureRestoresTheSignature() {
		var alice = dev.p2pchat.link.identity.Identity.generate();
		var message = new ChatMessage(UUID.randomUUID(), alice.peerId(), "alice", null, null, "signed ✓",
				T0.plusNanos(987_654_321));
		var proof = MessageSignatures.sign(alice, List.of(message)).getFirst();
		try (HistoryStore store = HistoryStore.open(this.dir, SETTINGS, HistoryBound.ofMessages(1_000_000),
				new LinkedHashMap<>())) {
			var log = new MessageLog(HistoryBound.ofMessages(100), store, List.of());
			log.append(LoggedMessage
				.received(new ChatMessage(UUID.randomUUID(), "bob-id", "bob", null, null, "plain", T0)));
			log.await(log.append(LoggedMessage.received(message, proof)));
		}

		var log = reopen(100);

		assertThat(log.all()).extracting(LoggedMessage::proof).containsExactly(null, proof);
		assertThat(new MessageSignatures().verified(log.all().get(1).message(), alice.publicIdentity(),
				log.all().get(1).proof()))
			.as("still the sender's, byte for byte")
			.isTrue();
	}

	@Test
	void encodeWhenMessageHasNoSignatureWritesTheRecordOfJournalsBeforeSignatures() {
		var message = new ChatMessage(new UUID(1, 2), "a", "b", null, null, "t", Instant.ofEpochSecond(3, 4));

		// kind, id, fromId, from, no toId, no to, text, sentAt, no recipients: nothing
		// after
		assertThat(HistoryStore.encode(LoggedMessage.received(message))).hasSize(1 + 16 + 5 + 5 + 1 + 1 + 5 + 12 + 4);
	}

	@Test
	void openWhenTwoSendersUsedOneIdRestoresBothEachUnderItsSender() {
		UUID id = UUID.randomUUID();
		var squatted = LoggedMessage.received(new ChatMessage(id, "mallory-id", "mallory", null, null, "mine", T0));
		var original = LoggedMessage.received(new ChatMessage(id, "alice-id", "alice", null, null, "alice's", T0));
		try (HistoryStore store = HistoryStore.open(this.dir, SETTINGS, HistoryBound.ofMessages(1_000_000),
				new LinkedHashMap<>())) {
			var log = new MessageLog(HistoryBound.ofMessages(100), store, List.of());
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
		try (HistoryStore store = HistoryStore.open(this.dir, SETTINGS, HistoryBound.ofMessages(1_000_000), restored)) {
			var log = new MessageLog(HistoryBound.ofMessages(100), store, List.of());
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
		try (HistoryStore store = HistoryStore.open(this.dir, SETTINGS, HistoryBound.ofMessages(1_000_000),
				new LinkedHashMap<>())) {
			var log = new MessageLog(HistoryBound.ofMessages(1000), store, List.of());
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
		try (HistoryStore store = HistoryStore.open(this.dir, SETTINGS, HistoryBound.ofMessages(1_000_000),
				new LinkedHashMap<>())) {
			var log = new MessageLog(HistoryBound.ofMessages(10_000), store, List.of());
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

	@Test
	void openWhenTheFilesHoldMoreThanTheByteBoundReadsOnlyTheNewestWithinIt() throws IOException {
		String big = "ж".repeat(65_000); // not Latin-1: 2 bytes per character on the heap
		List<String> texts = new ArrayList<>();
		try (HistoryStore store = HistoryStore.open(this.dir, SETTINGS, HistoryBound.ofMessages(1_000_000),
				new LinkedHashMap<>())) {
			var log = new MessageLog(HistoryBound.ofMessages(10_000), store, List.of());
			for (int i = 0; i < 40; i++) {
				texts.add(i + big);
				log.await(log.append(LoggedMessage.received(received(i, texts.getLast()))));
			}
		}
		long weight = LoggedMessage.received(received(10, texts.get(10))).weight();
		var bound = new HistoryBound(10_000, 10 * weight + weight / 2);

		var restored = new LinkedHashMap<UUID, LoggedMessage>();
		try (HistoryStore store = HistoryStore.open(this.dir, SETTINGS, bound, restored)) {
			assertThat(restored.values()).extracting((logged) -> logged.message().text())
				.containsExactlyElementsOf(texts.subList(30, 40));
			assertThat(store.heldMoreThanTheBound()).isTrue();
			var log = new MessageLog(bound, store, restored.values());
			assertThat(log.all()).hasSize(10);
			await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(files()).contains("snapshot-2.dat"));
		}
		assertThat(files()).as("the excess let go at once").doesNotContain("journal-1.log");
		var restoredAgain = new LinkedHashMap<UUID, LoggedMessage>();
		try (HistoryStore store = HistoryStore.open(this.dir, SETTINGS, bound, restoredAgain)) {
			assertThat(restoredAgain.values()).extracting((logged) -> logged.message().text())
				.containsExactlyElementsOf(texts.subList(30, 40));
			assertThat(store.heldMoreThanTheBound()).isFalse();
		}
	}

	@Test
	void appendWhenPastTwiceTheByteBoundInJournalBytesCompacts() throws IOException {
		var restored = new LinkedHashMap<UUID, LoggedMessage>();
		String text = "x".repeat(10_000);
		try (HistoryStore store = HistoryStore.open(this.dir, SETTINGS, HistoryBound.ofMessages(1), restored)) {
			var log = new MessageLog(new HistoryBound(10_000, 100_000), store, List.of());
			for (int i = 0; i < 25; i++) {
				log.append(sent(i, i + text, "bob-id"));
			}
			await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(files()).contains("snapshot-2.dat"));
			assertThat(log.all()).as("about 20 KB each on the heap").hasSize(4);
		}
	}

	@Test
	void encodeWhenTheLongestTextGoesToTenThousandPeersStaysWithinTheJournalsBound() {
		String longest = "中".repeat(65_536); // 3 bytes of UTF-8 each: the most per
												// character
		List<String> peerIds = new ArrayList<>();
		List<String> names = new ArrayList<>();
		for (int i = 0; i < 10_000; i++) {
			peerIds.add("p".repeat(47) + String.format("%05d", i));
			names.add("n".repeat(27) + String.format("%05d", i));
		}
		var message = new ChatMessage(UUID.randomUUID(), "a".repeat(52), "u".repeat(32), null, null, longest, T0);

		byte[] record = HistoryStore.encode(new LoggedMessage(message, peerIds, names));

		assertThat(record.length).isGreaterThan(1_000_000).isLessThanOrEqualTo(Journal.MAX_RECORD);
	}

	private MessageLog reopen(int capacity) {
		var restored = new LinkedHashMap<UUID, LoggedMessage>();
		try (HistoryStore store = HistoryStore.open(this.dir, SETTINGS, HistoryBound.ofMessages(1_000_000), restored)) {
			return new MessageLog(HistoryBound.ofMessages(capacity), null, restored.values());
		}
	}

	private List<String> files() throws IOException {
		try (Stream<Path> files = Files.list(this.dir)) {
			return files.map((file) -> file.getFileName().toString()).toList();
		}
	}

	private static ChatMessage received(int n, String text) {
		return new ChatMessage(UUID.randomUUID(), "bob-id", "bob", null, null, text, T0.plusSeconds(n));
	}

	private static LoggedMessage sent(int n, String text, String... recipients) {
		var message = new ChatMessage(UUID.randomUUID(), "me", "alice", null, null, text, T0.plusSeconds(n));
		List<String> peerIds = List.of(recipients);
		return new LoggedMessage(message, peerIds, peerIds.stream().map((id) -> id.replace("-id", "")).toList());
	}

}
