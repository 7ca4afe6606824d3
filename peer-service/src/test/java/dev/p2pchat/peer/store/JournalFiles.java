package dev.p2pchat.peer.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/** For tests elsewhere: where the records of an intact journal file start. */
public final class JournalFiles {

	private JournalFiles() {
	}

	/** The offsets of the records of a file in the current format, in order. */
	public static List<Long> recordStarts(Path file) throws IOException {
		List<Long> starts = new ArrayList<>();
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			ByteBuffer length = ByteBuffer.allocate(4);
			long position = RecordFile.FILE_HEADER;
			while (position + RecordFile.HEADER <= channel.size()) {
				channel.read(length.clear(), position);
				starts.add(position);
				position += RecordFile.HEADER + length.flip().getInt();
			}
		}
		return starts;
	}

}
