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
import org.jspecify.annotations.Nullable;

/**
 * Reads a journal directory back at start-up, as a stream: the newest snapshot, then the
 * segments from its number on. Damaged records are skipped (the intact ones after them
 * are kept, see {@link RecordFile}), a torn tail of the last segment is cut off, and one
 * log line says what was dropped.
 */
@Slf4j
final class Recovery {

	private static final Pattern FILE = Pattern.compile("(journal|snapshot)-(\\d{1,9})\\.(log|dat|tmp)");

	/**
	 * What was read: the records, the segment to go on appending to and, when that
	 * segment exists in this format, its salt ({@code null}: start the segment afresh).
	 */
	record Result(int records, int segment, byte @Nullable [] salt) {
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
			if (scan.damaged()) {
				dropped.add(describe(snapshotName(snapshot), scan));
			}
		}
		int last = Math.max(1, snapshot);
		byte[] salt = null;
		for (int number : journals) {
			if (number < snapshot) {
				continue;
			}
			Path file = dir.resolve(journalName(number));
			RecordFile.Scan scan = RecordFile.read(file, replay);
			records += scan.records();
			last = number;
			salt = scan.salt();
			if (scan.damaged()) {
				dropped.add(describe(journalName(number), scan));
			}
			if (scan.salt() != null && scan.tailBytes() > 0) {
				// a torn tail (crash mid-write): cut back so that appending goes on after
				// the
				// intact part. Old-format files are never cut or appended to.
				try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
					channel.truncate(scan.validEnd());
				}
			}
		}
		if (!dropped.isEmpty()) {
			log.warn("{}: kept {} intact record(s), dropped damaged or incomplete data: {}", dir.getFileName(), records,
					String.join("; ", dropped));
		}
		deleteBefore(dir, snapshot);
		if (salt == null && Files.exists(dir.resolve(journalName(last)))) {
			// the last segment is of the old format (or its file header is unreadable): a
			// new one starts
			last++;
		}
		return new Result(records, last, salt);
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
		List<String> parts = new ArrayList<>();
		if (scan.skippedBytes() > 0) {
			parts.add(scan.skippedBytes() + " damaged byte(s) of " + file + " skipped in " + scan.skippedRuns()
					+ " place(s) from offset " + scan.firstSkipped() + " (the intact records after them kept)");
		}
		if (scan.tailBytes() > 0) {
			parts.add(scan.tailBytes() + " byte(s) of " + file + " from offset " + scan.validEnd());
		}
		if (scan.unreadable() > 0) {
			parts.add(scan.unreadable() + " intact record(s) of " + file + " this version cannot read");
		}
		return String.join(", ", parts);
	}

}
