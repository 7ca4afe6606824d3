package dev.p2pchat.link.frame;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The one byte-level codec of the link's frames: {@code type} (1 byte, {@link FrameType})
 * ‖ body. Numbers are unsigned LEB128 varints in their shortest form.
 * <ul>
 * <li>batch: {@code seq} ‖ {@code count} ‖ count × ({@code length} ‖ record)</li>
 * <li>ack: {@code seq}</li>
 * <li>ping: nothing</li>
 * <li>typing: one byte, 1 private, 0 to everyone</li>
 * <li>since: one byte 0 (none), or 1 ‖ the UUID's 16 bytes</li>
 * <li>catch-up: {@code count} ‖ count × ({@code length} ‖ record)</li>
 * </ul>
 * Nothing may follow the body. Thread-safe (stateless).
 */
public final class FrameCodec {

	private static final byte[] PING = { (byte) FrameType.PING.code() };

	private FrameCodec() {
	}

	/** The frame's plaintext. */
	public static byte[] encode(Frame frame) {
		return switch (frame) {
			case Frame.Batch batch -> batch(batch.seq(), batch.messages());
			case Frame.Ack ack -> {
				byte[] bytes = new byte[1 + Varint.size(ack.seq())];
				bytes[0] = (byte) FrameType.ACK.code();
				Varint.write(bytes, 1, ack.seq());
				yield bytes;
			}
			case Frame.Ping ping -> PING.clone();
			case Frame.Typing typing ->
				new byte[] { (byte) FrameType.TYPING.code(), (byte) (typing.privately() ? 1 : 0) };
			case Frame.Since since -> since(since.last());
			case Frame.CatchUp catchUp -> messages(FrameType.CATCH_UP, -1, catchUp.messages());
		};
	}

	/**
	 * A batch of records already encoded (once, for every link they go out on): each is
	 * copied into the frame, never encoded again.
	 */
	public static byte[] batch(long seq, List<MessageRecord> messages) {
		return messages(FrameType.BATCH, seq, messages);
	}

	/** Reads a frame's plaintext; message records are read in place (not copied). */
	public static Frame decode(byte[] plain) throws FrameException {
		if (plain.length == 0) {
			throw FrameException.malformed("empty frame");
		}
		FrameType type = FrameType.of(plain[0]);
		if (type == null) {
			throw new FrameException("unknown frame type " + (plain[0] & 0xFF), true);
		}
		var reader = new Varint.Reader(plain, 1, plain.length);
		try {
			Frame frame = switch (type) {
				case BATCH -> {
					long seq = reader.varint();
					yield new Frame.Batch(seq, records(plain, reader));
				}
				case ACK -> new Frame.Ack(reader.varint());
				case PING -> new Frame.Ping();
				case TYPING -> new Frame.Typing(flag(reader));
				case SINCE -> new Frame.Since(flag(reader) ? uuid(plain, reader) : null);
				case CATCH_UP -> new Frame.CatchUp(records(plain, reader));
			};
			reader.expectEnd();
			return frame;
		}
		catch (IllegalArgumentException ex) {
			throw FrameException.malformed(ex.getMessage());
		}
	}

	private static byte[] messages(FrameType type, long seq, List<MessageRecord> messages) {
		int size = 1 + ((seq >= 0) ? Varint.size(seq) : 0) + Varint.size(messages.size());
		for (MessageRecord message : messages) {
			size += Varint.size(message.length()) + message.length();
		}
		byte[] bytes = new byte[size];
		bytes[0] = (byte) type.code();
		int at = 1;
		if (seq >= 0) {
			at = Varint.write(bytes, at, seq);
		}
		at = Varint.write(bytes, at, messages.size());
		for (MessageRecord message : messages) {
			at = Varint.write(bytes, at, message.length());
			at = message.writeTo(bytes, at);
		}
		return bytes;
	}

	private static byte[] since(@Nullable UUID last) {
		if (last == null) {
			return new byte[] { (byte) FrameType.SINCE.code(), 0 };
		}
		byte[] bytes = new byte[18];
		bytes[0] = (byte) FrameType.SINCE.code();
		bytes[1] = 1;
		putLong(bytes, 2, last.getMostSignificantBits());
		putLong(bytes, 10, last.getLeastSignificantBits());
		return bytes;
	}

	private static List<MessageRecord> records(byte[] plain, Varint.Reader reader) throws FrameException {
		long count = reader.varint();
		// every record takes at least its length byte: a count beyond that is a lie
		if (count > reader.remaining()) {
			throw FrameException.malformed("more messages than bytes");
		}
		List<MessageRecord> records = new ArrayList<>((int) count);
		for (long i = 0; i < count; i++) {
			int length = reader.length();
			records.add(MessageRecord.read(plain, reader.position(), length));
			reader.skip(length);
		}
		return records;
	}

	private static boolean flag(Varint.Reader reader) throws FrameException {
		int flag = reader.u8();
		if (flag > 1) {
			throw FrameException.malformed("flag neither 0 nor 1");
		}
		return flag == 1;
	}

	private static UUID uuid(byte[] plain, Varint.Reader reader) throws FrameException {
		if (reader.remaining() < 16) {
			throw FrameException.malformed("truncated id");
		}
		int at = reader.position();
		reader.skip(16);
		return new UUID(getLong(plain, at), getLong(plain, at + 8));
	}

	private static void putLong(byte[] bytes, int at, long value) {
		for (int i = 7; i >= 0; i--) {
			bytes[at + i] = (byte) value;
			value >>>= 8;
		}
	}

	private static long getLong(byte[] bytes, int at) {
		long value = 0;
		for (int i = 0; i < 8; i++) {
			value = (value << 8) | (bytes[at + i] & 0xFF);
		}
		return value;
	}

}
