package dev.p2pchat.peer.mesh;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.exc.InvalidTypeIdException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.socket.CloseStatus;

/**
 * Reads and writes link frames. A batch is written by concatenating the messages' JSON,
 * which each message's sender serialised once for all links. A batch in the form this
 * codec writes is read in one pass, each message bound straight to the listener's message
 * type; any other frame goes through the generic reader. Thread-safe.
 */
final class FrameCodec {

	private static final String BATCH_PREFIX = "{\"type\":\"batch\",\"seq\":";

	private final JsonMapper json;

	private final ObjectReader reader;

	private final ObjectWriter writer;

	private final Map<Class<?>, ObjectReader> messageReaders = new ConcurrentHashMap<>();

	FrameCodec(JsonMapper json) {
		this.json = json;
		this.reader = json.readerFor(LinkFrame.class);
		this.writer = json.writerFor(LinkFrame.class);
	}

	/** Reads a frame; batch messages become instances of {@code messageType}. */
	LinkFrame decode(String text, Class<?> messageType) throws LinkException {
		try {
			if (text.startsWith(BATCH_PREFIX)) {
				return decodeBatch(text, messageType);
			}
			LinkFrame frame = this.reader.readValue(text);
			if (frame == null) {
				throw new LinkException(CloseStatus.BAD_DATA, "empty frame");
			}
			if (frame instanceof LinkFrame.Batch batch) {
				List<Object> messages = new ArrayList<>(batch.messages().size());
				for (Object message : batch.messages()) {
					messages.add(this.json.convertValue(message, messageType));
				}
				return new LinkFrame.Batch(batch.seq(), messages);
			}
			if (frame instanceof LinkFrame.CatchUp catchUp) {
				List<Object> messages = new ArrayList<>(catchUp.messages().size());
				for (Object message : catchUp.messages()) {
					messages.add(this.json.convertValue(message, messageType));
				}
				return new LinkFrame.CatchUp(messages);
			}
			return frame;
		}
		catch (InvalidTypeIdException ex) {
			throw new LinkException(CloseStatus.NOT_ACCEPTABLE, "unknown frame type");
		}
		catch (JacksonException | IllegalArgumentException ex) {
			throw new LinkException(CloseStatus.BAD_DATA, "not a valid protocol frame");
		}
	}

	private LinkFrame.Batch decodeBatch(String text, Class<?> messageType) throws LinkException {
		ObjectReader messages = this.messageReaders.computeIfAbsent(messageType,
				(type) -> this.json.readerFor(type).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS));
		try (JsonParser parser = this.json.createParser(text)) {
			parser.nextToken();
			parser.nextName();
			parser.nextToken();
			parser.nextName();
			parser.nextToken();
			long seq = parser.getLongValue();
			if (!"messages".equals(parser.nextName()) || parser.nextToken() != JsonToken.START_ARRAY) {
				throw new LinkException(CloseStatus.BAD_DATA, "not a valid protocol frame");
			}
			List<Object> batch = new ArrayList<>();
			while (parser.nextToken() == JsonToken.START_OBJECT) {
				batch.add(messages.readValue(parser));
			}
			if (parser.currentToken() != JsonToken.END_ARRAY || parser.nextToken() != JsonToken.END_OBJECT
					|| parser.nextToken() != null) {
				throw new LinkException(CloseStatus.BAD_DATA, "not a valid protocol frame");
			}
			return new LinkFrame.Batch(seq, batch);
		}
	}

	String encode(LinkFrame frame) {
		return this.writer.writeValueAsString(frame);
	}

	/** A catch-up frame of messages already serialised. */
	String catchUp(List<String> messages) {
		return "{\"type\":\"catchup\",\"messages\":[" + String.join(",", messages) + "]}";
	}

	String batch(long firstSeq, List<Outbox.Entry> entries) {
		int size = 48;
		for (Outbox.Entry entry : entries) {
			size += entry.json().length() + 1;
		}
		var text = new StringBuilder(size).append(BATCH_PREFIX).append(firstSeq).append(",\"messages\":[");
		for (int i = 0; i < entries.size(); i++) {
			text.append((i > 0) ? "," : "").append(entries.get(i).json());
		}
		return text.append("]}").toString();
	}

}
