package dev.p2pchat.link.frame;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One message in a batch or catch-up frame: a sequence of fields, each {@code tag}
 * (varint, at least 1) ‖ {@code length} (varint) ‖ that many bytes. A tag this
 * implementation does not know is skipped, so a new field is one {@link MessageTag}
 * constant and older receivers read the rest; a known tag appears at most once. The
 * sender is not a field: it is the link's authenticated peer. Encoded once by its sender
 * ({@link #builder()}) and shared by every link it goes out on; read in place from a
 * received frame. Immutable.
 */
public final class MessageRecord {

	private static final int NANOS_PER_SECOND = 1_000_000_000;

	private final byte[] bytes;

	private final int offset;

	private final int length;

	/** Per known tag, the value's start, -1 when absent; then its length. */
	private final int[] fields = new int[2 * (MessageTag.MAX_KNOWN + 1)];

	private MessageRecord(byte[] bytes, int offset, int length) throws FrameException {
		this.bytes = bytes;
		this.offset = offset;
		this.length = length;
		Arrays.fill(this.fields, -1);
		var reader = new Varint.Reader(bytes, offset, offset + length);
		while (reader.remaining() > 0) {
			long tag = reader.varint();
			int size = reader.length();
			if (tag == 0) {
				throw FrameException.malformed("field tag 0");
			}
			if (tag <= MessageTag.MAX_KNOWN) {
				int slot = 2 * (int) tag;
				if (this.fields[slot] >= 0) {
					throw FrameException.malformed("field " + tag + " repeated");
				}
				this.fields[slot] = reader.position();
				this.fields[slot + 1] = size;
			}
			reader.skip(size);
		}
	}

	/** Reads a record from {@code length} bytes of {@code bytes} at {@code offset}. */
	public static MessageRecord read(byte[] bytes, int offset, int length) throws FrameException {
		return new MessageRecord(bytes, offset, length);
	}

	/** Reads a record that is the whole array. */
	public static MessageRecord read(byte[] bytes) throws FrameException {
		return new MessageRecord(bytes, 0, bytes.length);
	}

	public static Builder builder() {
		return new Builder();
	}

	/** Length of the encoded record in bytes. */
	public int length() {
		return this.length;
	}

	/** A copy of the encoded record. */
	public byte[] toByteArray() {
		return Arrays.copyOfRange(this.bytes, this.offset, this.offset + this.length);
	}

	void writeTo(ByteArrayOutputStream out) {
		out.write(this.bytes, this.offset, this.length);
	}

	int writeTo(byte[] buffer, int at) {
		System.arraycopy(this.bytes, this.offset, buffer, at, this.length);
		return at + this.length;
	}

	public boolean has(int tag) {
		return start(tag) >= 0;
	}

	/**
	 * The field's value as UTF-8 text, {@code null} when absent.
	 * @throws IllegalArgumentException when it is not valid UTF-8
	 */
	public @Nullable String string(int tag) {
		int start = start(tag);
		if (start < 0) {
			return null;
		}
		int size = size(tag);
		for (int i = start; i < start + size; i++) {
			if (this.bytes[i] < 0) {
				try {
					return StandardCharsets.UTF_8.newDecoder()
						.decode(ByteBuffer.wrap(this.bytes, start, size))
						.toString();
				}
				catch (CharacterCodingException ex) {
					throw new IllegalArgumentException("field " + tag + " is not valid UTF-8");
				}
			}
		}
		// all ASCII, the usual case: no decoder needed
		return new String(this.bytes, start, size, StandardCharsets.ISO_8859_1);
	}

	/**
	 * The field's value as a UUID, {@code null} when absent.
	 * @throws IllegalArgumentException when it is not 16 bytes
	 */
	public @Nullable UUID uuid(int tag) {
		int start = start(tag);
		if (start < 0) {
			return null;
		}
		if (size(tag) != 16) {
			throw new IllegalArgumentException("field " + tag + " is not a UUID");
		}
		return new UUID(longAt(start), longAt(start + 8));
	}

	/**
	 * The field's value as an instant, {@code null} when absent.
	 * @throws IllegalArgumentException when it is not 12 bytes or out of range
	 */
	public @Nullable Instant instant(int tag) {
		int start = start(tag);
		if (start < 0) {
			return null;
		}
		if (size(tag) != 12) {
			throw new IllegalArgumentException("field " + tag + " is not an instant");
		}
		long nanos = longAt(start + 4) & 0xFFFF_FFFFL;
		if (nanos >= NANOS_PER_SECOND) {
			throw new IllegalArgumentException("field " + tag + " is not an instant");
		}
		try {
			return Instant.ofEpochSecond(longAt(start), nanos);
		}
		catch (java.time.DateTimeException ex) {
			throw new IllegalArgumentException("field " + tag + " is not an instant");
		}
	}

	/** The field's raw bytes (a copy), {@code null} when absent. */
	public byte @Nullable [] bytes(int tag) {
		int start = start(tag);
		return (start < 0) ? null : Arrays.copyOfRange(this.bytes, start, start + size(tag));
	}

	private int start(int tag) {
		if (tag < 1 || tag > MessageTag.MAX_KNOWN) {
			throw new IllegalArgumentException("tag " + tag + " out of range");
		}
		return this.fields[2 * tag];
	}

	private int size(int tag) {
		return this.fields[2 * tag + 1];
	}

	private long longAt(int at) {
		long value = 0;
		for (int i = 0; i < 8; i++) {
			value = (value << 8) | (this.bytes[at + i] & 0xFF);
		}
		return value;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof MessageRecord record && Arrays.equals(this.bytes, this.offset,
				this.offset + this.length, record.bytes, record.offset, record.offset + record.length);
	}

	@Override
	public int hashCode() {
		int hash = 1;
		for (int i = this.offset; i < this.offset + this.length; i++) {
			hash = 31 * hash + this.bytes[i];
		}
		return hash;
	}

	@Override
	public String toString() {
		return "MessageRecord[" + this.length + " bytes]";
	}

	/** Writes a record field by field, in the order given. Not thread-safe. */
	public static final class Builder {

		private final ByteArrayOutputStream out = new ByteArrayOutputStream(128);

		private Builder() {
		}

		public Builder bytes(int tag, byte[] value) {
			if (tag < 1) {
				throw new IllegalArgumentException("tag " + tag + " out of range");
			}
			Varint.write(this.out, tag);
			Varint.write(this.out, value.length);
			this.out.writeBytes(value);
			return this;
		}

		/**
		 * A text field; nothing for {@code null}.
		 * @throws IllegalArgumentException when the text holds a lone surrogate (it has
		 * no UTF-8 form)
		 */
		public Builder string(int tag, @Nullable String value) {
			if (value == null) {
				return this;
			}
			if (!wellFormed(value)) {
				throw new IllegalArgumentException("field " + tag + " cannot be encoded as UTF-8 (lone surrogate)");
			}
			return bytes(tag, value.getBytes(StandardCharsets.UTF_8));
		}

		public Builder uuid(int tag, UUID value) {
			return bytes(tag,
					ByteBuffer.allocate(16)
						.putLong(value.getMostSignificantBits())
						.putLong(value.getLeastSignificantBits())
						.array());
		}

		public Builder instant(int tag, Instant value) {
			return bytes(tag, ByteBuffer.allocate(12).putLong(value.getEpochSecond()).putInt(value.getNano()).array());
		}

		public MessageRecord build() {
			byte[] bytes = this.out.toByteArray();
			try {
				return new MessageRecord(bytes, 0, bytes.length);
			}
			catch (FrameException ex) {
				throw new IllegalStateException("a record as written is always readable", ex);
			}
		}

		private static boolean wellFormed(String text) {
			for (int i = 0, n = text.length(); i < n; i++) {
				char c = text.charAt(i);
				if (Character.isSurrogate(c)) {
					if (!Character.isHighSurrogate(c) || i + 1 == n || !Character.isLowSurrogate(text.charAt(i + 1))) {
						return false;
					}
					i++;
				}
			}
			return true;
		}

	}

}
