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
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.zip.CRC32C;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The journal's files read back as a stream: damage, bounds, torn tails, old files. */
class RecordFileTests {

	private static final Journal.Settings SETTINGS = new Journal.Settings(SyncPolicy.BATCH, Duration.ofHours(1));

	@TempDir
	Path dir;

	@Test
	void readWhenALengthFieldIsHugeSkipsThatRecordAndKeepsTheOnesAfterIt() throws IOException {
		Path file = write(names(0, 10));
		// the length field of record 4, as a crash or a bad sector might leave it
		putInt(file, JournalFiles.recordStarts(file).get(4), Integer.MAX_VALUE - 3);

		List<String> read = new ArrayList<>();
		RecordFile.Scan scan = RecordFile.read(file, (record) -> read.add(string(record)));

		assertThat(read).containsExactlyElementsOf(without(names(0, 10), 4));
		assertThat(scan.skippedRuns()).isEqualTo(1);
		assertThat(scan.skippedBytes()).isEqualTo(RecordFile.HEADER + "record 4".length());
		assertThat(scan.tailBytes()).isZero();
	}

	@Test
	void readWhenARecordInTheMiddleIsDamagedKeepsEveryIntactRecordAfterIt() throws IOException {
		Path file = write(names(0, 300));
		List<Long> starts = JournalFiles.recordStarts(file);
		flipByte(file, starts.get(100) + RecordFile.HEADER + 3); // payload of record 100
		flipByte(file, starts.get(200) + 5); // checksum of record 200

		List<String> read = new ArrayList<>();
		RecordFile.Scan scan = RecordFile.read(file, (record) -> read.add(string(record)));

		assertThat(read).containsExactlyElementsOf(without(without(names(0, 300), 200), 100));
		assertThat(scan.skippedRuns()).isEqualTo(2);
		assertThat(scan.firstSkipped()).isEqualTo(starts.get(100));
		assertThat(reopen()).as("the journal opens on them too").hasSize(298);
	}

	@Test
	void readWhenAHeaderAnnouncesMoreThanTheBoundTakesItForDamageNotAnAllocation() throws IOException {
		Path file = write(names(0, 3));
		byte[] salt = salt(file);
		// a header whose checksums are right but whose length is over the bound
		int over = RecordFile.MAX_RECORD + 1;
		int payloadCrc = 12345;
		var forged = ByteBuffer.allocate(RecordFile.HEADER)
			.putInt(over)
			.putInt(payloadCrc)
			.putInt(RecordFile.headerCrc(salt, over, payloadCrc))
			.flip();
		long at = JournalFiles.recordStarts(file).get(1);
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
			channel.write(forged, at);
		}

		List<String> read = new ArrayList<>();
		RecordFile.read(file, (record) -> read.add(string(record)));

		assertThat(read).containsExactly("record 0", "record 2");
	}

	@Test
	void appendWhenARecordIsAtTheBoundReadsItBackAndOverTheBoundRefusesIt() {
		byte[] atTheBound = new byte[Journal.MAX_RECORD];
		Arrays.fill(atTheBound, (byte) 'x');
		try (Journal journal = Journal.open(this.dir, SETTINGS, (record) -> {
		})) {
			journal.await(journal.append(bytes("before")));
			journal.await(journal.append(atTheBound));
			journal.await(journal.append(bytes("after")));

			assertThatIllegalArgumentException().isThrownBy(() -> journal.append(new byte[Journal.MAX_RECORD + 1]))
				.withMessageContaining("outside 1.." + Journal.MAX_RECORD);
		}

		List<Integer> sizes = new ArrayList<>();
		try (Journal journal = Journal.open(this.dir, SETTINGS, (record) -> sizes.add(record.remaining()))) {
			assertThat(sizes).containsExactly("before".length(), Journal.MAX_RECORD, "after".length());
		}
	}

	@Test
	void readWhenTheTailIsTornKeepsEveryCompleteRecordAndTheJournalCutsItOff() throws IOException {
		Path file = write(names(0, 50));
		List<Long> starts = JournalFiles.recordStarts(file);
		long cut = starts.get(49) + RecordFile.HEADER + 2; // inside the last record's
															// payload
		truncate(file, cut);

		RecordFile.Scan scan = RecordFile.read(file, (record) -> {
		});

		assertThat(scan.records()).isEqualTo(49);
		assertThat(scan.validEnd()).isEqualTo(starts.get(49));
		assertThat(scan.tailBytes()).isEqualTo(cut - starts.get(49));
		assertThat(reopenAppending("after the cut")).containsExactlyElementsOf(names(0, 49));
		assertThat(reopen()).endsWith("record 48", "after the cut").hasSize(50);
	}

	@Test
	void readWhenAMessageTextHoldsAFramedRecordNeverTakesItForOne() throws IOException {
		// what a peer could put in a text: a record framed as this file frames them, but
		// without this file's salt, right where damage makes the reader look for one
		var forged = ByteBuffer.allocate(64);
		RecordFile.frame(forged, RecordFile.newSalt(), bytes("forged"));
		forged.flip();
		byte[] text = new byte[forged.remaining()];
		forged.get(text);
		try (Journal journal = Journal.open(this.dir, SETTINGS, (record) -> {
		})) {
			journal.append(bytes("record 0"));
			journal.append(text);
			journal.append(bytes("record 2"));
		}
		Path file = this.dir.resolve("journal-1.log");
		flipByte(file, JournalFiles.recordStarts(file).get(1) + 1);

		List<String> read = new ArrayList<>();
		RecordFile.read(file, (record) -> read.add(string(record)));

		assertThat(read).containsExactly("record 0", "record 2");
	}

	@Test
	void readWhenARecordCannotBeReadSkipsItAndGoesOn() throws IOException {
		Path file = write(names(0, 5));

		List<String> read = new ArrayList<>();
		RecordFile.Scan scan = RecordFile.read(file, (record) -> {
			String name = string(record);
			if (name.equals("record 2")) {
				throw new IllegalArgumentException("unknown record kind");
			}
			read.add(name);
		});

		assertThat(read).containsExactly("record 0", "record 1", "record 3", "record 4");
		assertThat(scan.unreadable()).isEqualTo(1);
	}

	@Test
	void openWhenTheJournalIsOfTheOldFormatReadsItAndStartsANewSegment() throws IOException {
		// [length][CRC-32C of the payload][payload] from the first byte, as before format
		// 2
		Path legacy = this.dir.resolve("journal-1.log");
		var bytes = ByteBuffer.allocate(1 << 12);
		for (String name : names(0, 20)) {
			byte[] payload = bytes(name);
			var crc = new CRC32C();
			crc.update(payload);
			bytes.putInt(payload.length).putInt((int) crc.getValue()).put(payload);
		}
		bytes.putInt(77).putInt(0); // a torn record
		Files.write(legacy, Arrays.copyOf(bytes.array(), bytes.position()));
		long legacySize = Files.size(legacy);

		assertThat(reopenAppending("new")).containsExactlyElementsOf(names(0, 20));

		assertThat(Files.size(legacy)).as("an old file is never cut or appended to").isEqualTo(legacySize);
		assertThat(this.dir.resolve("journal-2.log")).exists();
		List<String> all = new ArrayList<>(names(0, 20));
		all.add("new");
		assertThat(reopen()).containsExactlyElementsOf(all);
	}

	@Test
	void openWhenThousandsOfOffsetsAreDamagedStillFindsTheRecordsAfterThem() throws IOException {
		String big = "y".repeat(100_000);
		try (Journal journal = Journal.open(this.dir, SETTINGS, (record) -> {
		})) {
			journal.append(bytes("record 0"));
			journal.append(bytes(big));
			journal.append(bytes("record 2"));
		}
		Path file = this.dir.resolve("journal-1.log");
		flipByte(file, JournalFiles.recordStarts(file).get(1) + RecordFile.HEADER + 50_000);

		assertThat(reopen()).containsExactly("record 0", "record 2");
	}

	private Path write(List<String> records) {
		try (Journal journal = Journal.open(this.dir, SETTINGS, (record) -> {
		})) {
			for (String record : records) {
				journal.append(bytes(record));
			}
		}
		return this.dir.resolve("journal-1.log");
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

	private static byte[] salt(Path file) throws IOException {
		byte[] header = Arrays.copyOf(Files.readAllBytes(file), RecordFile.FILE_HEADER);
		return Arrays.copyOfRange(header, 8, 16);
	}

	private static void putInt(Path file, long offset, int value) throws IOException {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
			channel.write(ByteBuffer.allocate(4).putInt(value).flip(), offset);
		}
	}

	private static void flipByte(Path file, long offset) throws IOException {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
			ByteBuffer one = ByteBuffer.allocate(1);
			channel.read(one, offset);
			one.put(0, (byte) (one.get(0) ^ 0x20));
			channel.write(one.rewind(), offset);
		}
	}

	private static void truncate(Path file, long size) throws IOException {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
			channel.truncate(size);
		}
	}

	private static List<String> names(int from, int to) {
		return IntStream.range(from, to).mapToObj((i) -> "record " + i).toList();
	}

	private static List<String> without(List<String> names, int index) {
		List<String> left = new ArrayList<>(names);
		left.remove(index);
		return left;
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static String string(ByteBuffer record) {
		byte[] bytes = new byte[record.remaining()];
		record.get(bytes);
		return new String(bytes, StandardCharsets.UTF_8);
	}

}
