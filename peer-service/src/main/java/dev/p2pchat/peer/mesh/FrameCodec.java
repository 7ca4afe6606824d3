package dev.p2pchat.peer.mesh;

import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.exc.InvalidTypeIdException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.socket.CloseStatus;

/**
 * Reads and writes link frames. A batch is written by concatenating the messages' JSON,
 * which each message's sender serialised once for all links. Thread-safe.
 */
final class FrameCodec {

	private final ObjectReader reader;

	private final ObjectWriter writer;

	FrameCodec(JsonMapper json) {
		this.reader = json.readerFor(LinkFrame.class);
		this.writer = json.writerFor(LinkFrame.class);
	}

	LinkFrame decode(String text) throws LinkException {
		try {
			LinkFrame frame = this.reader.readValue(text);
			if (frame == null) {
				throw new LinkException(CloseStatus.BAD_DATA, "empty frame");
			}
			return frame;
		}
		catch (InvalidTypeIdException ex) {
			throw new LinkException(CloseStatus.NOT_ACCEPTABLE, "unknown frame type");
		}
		catch (JacksonException ex) {
			throw new LinkException(CloseStatus.BAD_DATA, "not a valid protocol frame");
		}
	}

	String encode(LinkFrame frame) {
		return this.writer.writeValueAsString(frame);
	}

	String batch(long firstSeq, List<Outbox.Entry> entries) {
		int size = 48;
		for (Outbox.Entry entry : entries) {
			size += entry.json().length() + 1;
		}
		var text = new StringBuilder(size).append("{\"type\":\"batch\",\"seq\":")
			.append(firstSeq)
			.append(",\"messages\":[");
		for (int i = 0; i < entries.size(); i++) {
			text.append((i > 0) ? "," : "").append(entries.get(i).json());
		}
		return text.append("]}").toString();
	}

}
