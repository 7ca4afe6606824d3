package dev.p2pchat.peer.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class JournalTests {

	private static final Journal.Settings SETTINGS = new Journal.Settings(SyncPolicy.BATCH, Duration.ofMillis(50));

	@TempDir
	Path dir;

	@Test
	void openWhenReopenedReplaysEveryAwaitedRecordInOrder() {
		try (Journal journal = Journal.open(this.dir, SETTINGS, (record) -> {
		})) {
			for (int i = 0; i < 500; i++) {
				journal.await(journal.append(bytes("record " + i)));
			}
		}

		assertThat(reopen()).containsExactlyElementsOf(names(0, 500));
	}

	@Test
	void awaitWhenProcessDiesWithoutCloseLeavesRecordsInTheFile() throws IOException {
		Journal journal = Journal.open(this.dir, new Journal.Settings(SyncPolicy.NONE, Duration.ofHours(1)),
				(record) -> {
				});
		long ticket = 0;
		for (int i = 0; i < 100; i++) {
			ticket = journal.append(bytes("record " + i));
		}

		journal.await(ticket);

		// not closed: what a kill -9 leaves is what was written to the operating system
		assertThat(Files.size(this.dir.resolve("journal-1.log"))).isEqualTo(RecordFile.FILE_HEADER + ticket);
		assertThat(readWithoutClosing()).containsExactlyElementsOf(names(0, 100));
		journal.close();
	}

	@Test
	void openWhenCutAtRandomOffsetsKeepsTheIntactPrefixAndGoesOn() throws IOException {
		var random = new Random(12);
		for (int round = 0; round < 20; round++) {
			clear();
			try (Journal journal = Journal.open(this.dir, SETTINGS, (record) -> {
			})) {
				for (int i = 0; i < 300; i++) {
					journal.append(bytes("record " + i + " " + "x".repeat(random.nextInt(200))));
				}
			}
			Path file = this.dir.resolve("journal-1.log");
			long cut = random.nextLong(Files.size(file));
			try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
				channel.truncate(cut);
			}

			List<String> kept = reopenAppending("after the cut");

			assertThat(kept).allSatisfy((name) -> assertThat(name).startsWith("record "));
			for (int i = 0; i < kept.size(); i++) {
				assertThat(kept.get(i)).startsWith("record " + i + " ");
			}
			assertThat(kept.size()).isLessThanOrEqualTo(300);
			assertThat(reopen()).endsWith("after the cut").hasSize(kept.size() + 1);
		}
	}

	@Test
	void openWhenAByteIsDamagedDropsOnlyTheDamagedRecord() throws IOException {
		try (Journal journal = Journal.open(this.dir, SETTINGS, (record) -> {
		})) {
			for (int i = 0; i < 10; i++) {
				journal.append(bytes("record " + i));
			}
		}
		Path file = this.dir.resolve("journal-1.log");
		byte[] content = Files.readAllBytes(file);
		int recordSize = RecordFile.HEADER + "record 0".length();
		content[RecordFile.FILE_HEADER + 5 * recordSize + RecordFile.HEADER + 1] ^= 0x20;
		Files.write(file, content);

		List<String> expected = new ArrayList<>(names(0, 10));
		expected.remove(5);
		assertThat(reopen()).containsExactlyElementsOf(expected);
	}

	@Test
	void snapshotWhenWrittenReplacesTheOlderSegments() throws IOException {
		try (Journal journal = Journal.open(this.dir, SETTINGS, (record) -> {
		})) {
			for (int i = 0; i < 10; i++) {
				journal.append(bytes("record " + i));
			}
			int segment = journal.rotate();
			journal.append(bytes("record 10"));
			journal.snapshotLater(segment, () -> List.of(bytes("snapshot")));
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(this.dir.resolve("journal-1.log")).doesNotExist());
		}

		assertThat(reopen()).containsExactly("snapshot", "record 10");
		assertThat(files()).containsExactlyInAnyOrder("snapshot-2.dat", "journal-2.log");
	}

	@Test
	void appendWhenARotationSyncsTheOldSegmentIsWrittenMeanwhile() throws Exception {
		var channels = new SyncCountingChannels();
		try (Journal journal = Journal.open(this.dir, new Journal.Settings(SyncPolicy.BATCH, Duration.ofHours(1)),
				(record) -> {
				}, channels)) {
			journal.await(journal.append(bytes("before")));
			channels.holdSyncs();
			try {
				Thread rotation = Thread.ofPlatform().start(journal::rotate);
				await().atMost(Duration.ofSeconds(10)).until(() -> channels.syncsWaiting() == 1);

				CompletableFuture<Void> during = CompletableFuture
					.runAsync(() -> journal.await(journal.append(bytes("during"))));

				assertThat(during).succeedsWithin(Duration.ofSeconds(10));
				assertThat(rotation.isAlive()).as("still syncing the old segment").isTrue();
				channels.releaseSyncs();
				rotation.join();
			}
			finally {
				channels.releaseSyncs();
			}
		}

		assertThat(reopen()).containsExactly("before", "during");
		assertThat(files()).contains("journal-2.log");
	}

	@Test
	void awaitWhenSyncAlwaysReturnsOnlyOnceTheRecordIsSynced() {
		var channels = new SyncCountingChannels();
		try (Journal journal = Journal.open(this.dir, new Journal.Settings(SyncPolicy.ALWAYS, Duration.ofHours(1)),
				(record) -> {
				}, channels)) {
			List<String> unsynced = new CopyOnWriteArrayList<>();
			List<Thread> senders = new ArrayList<>();
			for (int t = 0; t < 4; t++) {
				int sender = t;
				senders.add(Thread.ofVirtual().start(() -> {
					for (int i = 0; i < 50; i++) {
						long ticket = journal.append(bytes("sender " + sender + " " + i));
						journal.await(ticket);
						long synced = channels.syncedUpTo();
						if (synced < RecordFile.FILE_HEADER + ticket) {
							unsynced.add("ticket " + ticket + " returned with " + synced + " byte(s) synced");
						}
					}
				}));
			}
			senders.forEach(JournalTests::join);
			assertThat(unsynced).isEmpty();
			assertThat(readWithoutClosing()).hasSize(200);
			assertThat(channels.syncs()).isBetween(1L, 200L);
		}
	}

	@Test
	void awaitWhenSyncBatchWritesWithoutSyncing() {
		var channels = new SyncCountingChannels();
		try (Journal journal = Journal.open(this.dir, new Journal.Settings(SyncPolicy.BATCH, Duration.ofHours(1)),
				(record) -> {
				}, channels)) {
			for (int i = 0; i < 20; i++) {
				journal.await(journal.append(bytes("record " + i)));
			}

			assertThat(readWithoutClosing()).hasSize(20);
			assertThat(channels.syncs()).isZero();
		}
		assertThat(channels.syncs()).as("a clean close syncs").isEqualTo(1);
	}

	private List<String> reopen() {
		return reopenAppending(null);
	}

	private List<String> reopenAppending(String extra) {
		List<String> read = new ArrayList<>();
		try (Journal journal = Journal.open(this.dir, SETTINGS, (record) -> read.add(string(record)))) {
			if (extra != null) {
				journal.await(journal.append(bytes(extra)));
			}
		}
		return read;
	}

	private List<String> readWithoutClosing() {
		List<String> read = new ArrayList<>();
		try {
			RecordFile.read(this.dir.resolve("journal-1.log"), (record) -> read.add(string(record)));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return read;
	}

	private List<String> files() throws IOException {
		try (Stream<Path> files = Files.list(this.dir)) {
			return files.map((file) -> file.getFileName().toString()).toList();
		}
	}

	private void clear() throws IOException {
		try (Stream<Path> files = Files.list(this.dir)) {
			for (Path file : files.toList()) {
				Files.delete(file);
			}
		}
	}

	private static List<String> names(int from, int to) {
		return IntStream.range(from, to).mapToObj((i) -> "record " + i).toList();
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static String string(ByteBuffer record) {
		byte[] bytes = new byte[record.remaining()];
		record.get(bytes);
		return new String(bytes, StandardCharsets.UTF_8);
	}

	private static void join(Thread thread) {
		try {
			thread.join();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
