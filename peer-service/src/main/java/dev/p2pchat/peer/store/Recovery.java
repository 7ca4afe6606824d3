package dev.p2pchat.peer.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import lombok.extern.slf4j.Slf4j;

/**
 * Reads a journal directory back at start-up: the newest snapshot, then the segments from
 * its number on. What is damaged is dropped, the last segment is cut back to its intact
 * part, and one log line says what was dropped.
 */
@Slf4j
final class Recovery {

	private static final Pattern FILE = Pattern.compile("(journal|snapshot)-(\\d{1,9})\\.(log|dat|tmp)");

	/** What was read: the records and the segment to go on appending to. */
	record Result(int records, int segment) {
	}

	private Recovery() {
	}

	static String journalName(int segment) {
		return "journal-" + segment + ".log";
	}

	static String snapshotName(int segment) {
		return "snapshot-" + segment + ".dat";
	}

	static Result run(Path dir, Replay replay) throws IOException {
		List<Integer> journals = new ArrayList<>();
		int snapshot = 0;
		try (Stream<Path> files = Files.list(dir)) {
			for (Path file : (Iterable<Path>) files::iterator) {
				Matcher name = FILE.matcher(file.getFileName().toString());
				if (!name.matches()) {
					continue;
				}
				int number = Integer.parseInt(name.group(2));
				switch (name.group(3)) {
					case "log" -> journals.add(number);
					case "dat" -> snapshot = Math.max(snapshot, number);
					default -> Files.deleteIfExists(file); // a snapshot a crash
															// interrupted
				}
			}
		}
		journals.sort(null);
		int records = 0;
		List<String> dropped = new ArrayList<>();
		if (snapshot > 0) {
			RecordFile.Scan scan = RecordFile.read(dir.resolve(snapshotName(snapshot)), replay);
			records += scan.records();
			if (scan.droppedBytes() > 0) {
				dropped.add(describe(snapshotName(snapshot), scan));
			}
		}
		int last = Math.max(1, snapshot);
		for (int number : journals) {
			if (number < snapshot) {
				continue;
			}
			last = number;
			Path file = dir.resolve(journalName(number));
			RecordFile.Scan scan = RecordFile.read(file, replay);
			records += scan.records();
			if (scan.droppedBytes() > 0) {
				dropped.add(describe(journalName(number), scan));
				try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
					channel.truncate(scan.validBytes());
				}
			}
		}
		if (!dropped.isEmpty()) {
			log.warn("{}: kept {} intact record(s), dropped damaged or incomplete data: {}", dir.getFileName(), records,
					String.join("; ", dropped));
		}
		deleteBefore(dir, snapshot);
		return new Result(records, last);
	}

	/** Deletes the segments and snapshots that snapshot {@code segment} replaces. */
	static void deleteBefore(Path dir, int segment) throws IOException {
		try (Stream<Path> files = Files.list(dir)) {
			for (Path file : (Iterable<Path>) files::iterator) {
				Matcher name = FILE.matcher(file.getFileName().toString());
				if (name.matches() && !name.group(3).equals("tmp") && Integer.parseInt(name.group(2)) < segment) {
					Files.deleteIfExists(file);
				}
			}
		}
	}

	private static String describe(String file, RecordFile.Scan scan) {
		return scan.droppedBytes() + " byte(s) of " + file + " from offset " + scan.validBytes();
	}

}
