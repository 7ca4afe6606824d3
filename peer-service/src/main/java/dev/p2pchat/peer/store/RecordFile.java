package dev.p2pchat.peer.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.zip.CRC32C;

/**
 * The framing of a journal or snapshot file (big-endian): <pre>
 * file   = "P2PJ" version:int(2) salt:8 record*
 * record = length:int payloadCrc:int headerCrc:int payload[length]
 *   payloadCrc = CRC-32C(salt, payload), headerCrc = CRC-32C(salt, length, payloadCrc)
 * </pre> A record is intact when its length is within 1..{@link #MAX_RECORD} and both
 * checksums match. Reading is a stream through one window (at most {@link #MAX_RECORD}
 * plus a header), so a file of any size costs that much memory. Where a record is damaged
 * the reader resynchronises: it moves forward byte by byte to the next offset where an
 * intact record starts, so one damaged record costs only its own bytes. The salt (random
 * per file) keeps text inside a message, which another peer chose, from passing for a
 * record there: without the salt, nobody can compute a valid header. Bytes after the last
 * intact record (a crash mid-write) are the file's torn tail.
 * <p>
 * Files written before this format ({@code [length][CRC-32C of the payload]} from the
 * first byte, no salt) are still read, by their own rule: up to the first damaged record.
 */
final class RecordFile {

	/** {@code "P2PJ"}. */
	static final int MAGIC = 0x50_32_50_4A;

	static final int VERSION = 2;

	/** Magic, version and salt. */
	static final int FILE_HEADER = 16;

	static final int HEADER = 12;

	/**
	 * The largest record: larger lengths are damage. The history's largest record (a
	 * message of 65,536 characters, 196,608 bytes of UTF-8, with up to ~10,000
	 * recipients; see {@code HistoryStore}) stays under it.
	 */
	static final int MAX_RECORD = 1 << 21;

	private static final int LEGACY_HEADER = 8;

	private static final int LEGACY_MAX_RECORD = 1 << 22;

	private static final int WINDOW = 1 << 16;

	private static final int MAX_WINDOW = LEGACY_HEADER + LEGACY_MAX_RECORD;

	private static final SecureRandom RANDOM = new SecureRandom();

	/**
	 * What a file held: {@code salt} is {@code null} for a file of the old format (or
	 * without a readable file header), which is never appended to.
	 *
	 * @param records intact records handed on
	 * @param unreadable intact records the consumer could not read (skipped)
	 * @param validEnd offset after the last intact record (or the file header)
	 * @param skippedBytes damaged bytes skipped before the last intact record
	 * @param skippedRuns how many damaged stretches those were
	 * @param firstSkipped offset of the first of them, -1 when none
	 * @param tailBytes bytes after the last intact record
	 */
	record Scan(byte @org.jspecify.annotations.Nullable [] salt, int records, int unreadable, long validEnd,
			long skippedBytes, int skippedRuns, long firstSkipped, long tailBytes) {

		boolean damaged() {
			return this.skippedBytes > 0 || this.tailBytes > 0 || this.unreadable > 0;
		}

	}

	private RecordFile() {
	}

	/** A new file's random salt. */
	static byte[] newSalt() {
		byte[] salt = new byte[8];
		RANDOM.nextBytes(salt);
		return salt;
	}

	/** The file header that starts a file whose records use this salt. */
	static ByteBuffer fileHeader(byte[] salt) {
		return ByteBuffer.allocate(FILE_HEADER).putInt(MAGIC).putInt(VERSION).put(salt).flip();
	}

	/**
	 * Frames one record into {@code into}.
	 * @throws IllegalArgumentException when the payload is empty or over
	 * {@link #MAX_RECORD}
	 */
	static void frame(ByteBuffer into, byte[] salt, byte[] payload) {
		if (payload.length < 1 || payload.length > MAX_RECORD) {
			throw new IllegalArgumentException(
					"a record of " + payload.length + " bytes is outside 1.." + MAX_RECORD + " bytes");
		}
		int payloadCrc = payloadCrc(salt, ByteBuffer.wrap(payload));
		into.putInt(payload.length).putInt(payloadCrc).putInt(headerCrc(salt, payload.length, payloadCrc)).put(payload);
	}

	static Scan read(Path file, Replay consumer) throws IOException {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			var window = new Window(channel);
			if (window.ensure(0, FILE_HEADER) && window.intAt(0) == MAGIC && window.intAt(4) == VERSION) {
				byte[] salt = new byte[8];
				window.bytes(8, salt);
				return readSalted(window, salt, consumer);
			}
			return readLegacy(window, consumer);
		}
	}

	private static Scan readSalted(Window window, byte[] salt, Replay consumer) throws IOException {
		long position = FILE_HEADER;
		long validEnd = FILE_HEADER;
		long damageStart = -1;
		long skippedBytes = 0;
		int skippedRuns = 0;
		long firstSkipped = -1;
		int records = 0;
		int unreadable = 0;
		while (window.ensure(position, HEADER)) {
			int length = window.intAt(position);
			boolean headerIntact = length >= 1 && length <= MAX_RECORD
					&& window.intAt(position + 8) == headerCrc(salt, length, window.intAt(position + 4));
			if (headerIntact && !window.ensure(position, HEADER + length)) {
				break; // an intact header whose payload the file does not hold: the torn
						// tail
			}
			if (headerIntact
					&& payloadCrc(salt, window.slice(position + HEADER, length)) == window.intAt(position + 4)) {
				if (damageStart >= 0) {
					skippedBytes += position - damageStart;
					skippedRuns++;
					firstSkipped = (firstSkipped < 0) ? damageStart : firstSkipped;
					damageStart = -1;
				}
				if (accept(consumer, window.slice(position + HEADER, length))) {
					records++;
				}
				else {
					unreadable++;
				}
				position += HEADER + length;
				validEnd = position;
				continue;
			}
			// damage: look for the next intact record one byte further on
			damageStart = (damageStart < 0) ? position : damageStart;
			position++;
		}
		long tail = window.size() - validEnd;
		return new Scan(salt, records, unreadable, validEnd, skippedBytes, skippedRuns, firstSkipped, tail);
	}

	/** The old format: no salt, nothing to resynchronise on, so it ends at damage. */
	private static Scan readLegacy(Window window, Replay consumer) throws IOException {
		long position = 0;
		int records = 0;
		int unreadable = 0;
		while (window.ensure(position, LEGACY_HEADER)) {
			int length = window.intAt(position);
			if (length < 1 || length > LEGACY_MAX_RECORD || !window.ensure(position, LEGACY_HEADER + length)) {
				break;
			}
			ByteBuffer payload = window.slice(position + LEGACY_HEADER, length);
			var crc = new CRC32C();
			crc.update(payload.duplicate());
			if ((int) crc.getValue() != window.intAt(position + 4)) {
				break;
			}
			if (accept(consumer, payload)) {
				records++;
			}
			else {
				unreadable++;
			}
			position += LEGACY_HEADER + length;
		}
		return new Scan(null, records, unreadable, position, 0, 0, -1, window.size() - position);
	}

	/** Hands a record on; false when the consumer could not read it (it is skipped). */
	private static boolean accept(Replay consumer, ByteBuffer payload) {
		try {
			consumer.accept(payload.asReadOnlyBuffer());
			return true;
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	static int payloadCrc(byte[] salt, ByteBuffer payload) {
		var crc = new CRC32C();
		crc.update(salt);
		crc.update(payload);
		return (int) crc.getValue();
	}

	static int headerCrc(byte[] salt, int length, int payloadCrc) {
		var crc = new CRC32C();
		crc.update(salt);
		for (int shift = 24; shift >= 0; shift -= 8) { // big-endian, as in the file
			crc.update(length >>> shift);
		}
		for (int shift = 24; shift >= 0; shift -= 8) {
			crc.update(payloadCrc >>> shift);
		}
		return (int) crc.getValue();
	}

	/**
	 * A sliding window over a file: the bytes from {@code start} on, grown only as far as
	 * an intact header asks for.
	 */
	private static final class Window {

		private final FileChannel channel;

		private final long size;

		private ByteBuffer bytes = ByteBuffer.allocate(WINDOW).limit(0);

		private long start;

		Window(FileChannel channel) throws IOException {
			this.channel = channel;
			this.size = channel.size();
		}

		long size() {
			return this.size;
		}

		/**
		 * Whether the file holds {@code count} bytes from {@code position}; if so they
		 * are in the window afterwards. Reads ahead as far as the window goes.
		 */
		boolean ensure(long position, int count) throws IOException {
			if (position + count > this.size) {
				return false;
			}
			long end = this.start + this.bytes.limit();
			if (position >= this.start && position + count <= end) {
				return true;
			}
			if (position >= this.start && position <= end) {
				this.bytes.position((int) (position - this.start));
				this.bytes.compact(); // keeps what was read past position
			}
			else {
				this.bytes.clear();
			}
			this.start = position;
			if (this.bytes.capacity() < count) {
				// only as far as an intact header asked for: at most a header and a
				// record
				ByteBuffer grown = ByteBuffer
					.allocate(Math.max(count, Math.min(2 * this.bytes.capacity(), MAX_WINDOW)));
				this.bytes.flip();
				this.bytes = grown.put(this.bytes);
			}
			while (this.bytes.position() < count) {
				if (this.channel.read(this.bytes, this.start + this.bytes.position()) < 0) {
					break;
				}
			}
			this.bytes.flip();
			return this.bytes.limit() >= count;
		}

		int intAt(long position) {
			return this.bytes.getInt((int) (position - this.start));
		}

		void bytes(long position, byte[] into) {
			this.bytes.get((int) (position - this.start), into);
		}

		/** Valid until the next {@link #ensure}. */
		ByteBuffer slice(long position, int length) {
			return this.bytes.slice((int) (position - this.start), length);
		}

	}

}
