package dev.p2pchat.peer.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * The framing of a journal or snapshot file: records of
 * {@code [length: int][CRC-32C of the payload: int][payload]}, big-endian. Reading stops
 * at the first record that is incomplete or fails its checksum: everything before it is
 * intact, everything from it on is dropped.
 */
final class RecordFile {

	static final int HEADER = 8;

	/**
	 * Larger than any record written (a message of 65,536 characters and its recipients).
	 */
	static final int MAX_RECORD = 1 << 22;

	/** What a file held. */
	record Scan(int records, long validBytes, long droppedBytes) {
	}

	private RecordFile() {
	}

	static void frame(ByteBuffer into, byte[] payload) {
		into.putInt(payload.length).putInt(crc(payload, 0, payload.length)).put(payload);
	}

	static int crc(byte[] bytes, int offset, int length) {
		var crc = new CRC32C();
		crc.update(bytes, offset, length);
		return (int) crc.getValue();
	}

	static Scan read(Path file, Replay consumer) throws IOException {
		byte[] bytes = Files.readAllBytes(file);
		int position = 0;
		int records = 0;
		while (bytes.length - position >= HEADER) {
			ByteBuffer header = ByteBuffer.wrap(bytes, position, HEADER);
			int length = header.getInt();
			int crc = header.getInt();
			int start = position + HEADER;
			if (length < 1 || length > MAX_RECORD || bytes.length - start < length
					|| crc(bytes, start, length) != crc) {
				break;
			}
			try {
				consumer.accept(ByteBuffer.wrap(bytes, start, length).slice().asReadOnlyBuffer());
			}
			catch (RuntimeException ex) {
				// intact bytes that this version cannot read: treated like damage
				break;
			}
			position = start + length;
			records++;
		}
		return new Scan(records, position, bytes.length - position);
	}

}
