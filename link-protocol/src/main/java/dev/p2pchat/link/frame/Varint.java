package dev.p2pchat.link.frame;

import java.io.ByteArrayOutputStream;

/**
 * Unsigned LEB128: seven bits per byte, least significant group first, the high bit set
 * on every byte but the last. Only the shortest form of a number is accepted, so that
 * every value has one encoding.
 */
final class Varint {

	/** Longest encoding of a 64-bit value. */
	static final int MAX_BYTES = 10;

	private Varint() {
	}

	static void write(ByteArrayOutputStream out, long value) {
		while ((value & ~0x7FL) != 0) {
			out.write((int) ((value & 0x7F) | 0x80));
			value >>>= 7;
		}
		out.write((int) value);
	}

	static int size(long value) {
		int size = 1;
		while ((value & ~0x7FL) != 0) {
			size++;
			value >>>= 7;
		}
		return size;
	}

	static int write(byte[] buffer, int at, long value) {
		while ((value & ~0x7FL) != 0) {
			buffer[at++] = (byte) ((value & 0x7F) | 0x80);
			value >>>= 7;
		}
		buffer[at++] = (byte) value;
		return at;
	}

	/** A cursor over bytes that reads varints and checks every bound. */
	static final class Reader {

		private final byte[] bytes;

		private int at;

		private final int end;

		Reader(byte[] bytes, int from, int end) {
			this.bytes = bytes;
			this.at = from;
			this.end = end;
		}

		int position() {
			return this.at;
		}

		int remaining() {
			return this.end - this.at;
		}

		long varint() throws FrameException {
			long value = 0;
			for (int shift = 0, i = 0; i < MAX_BYTES; i++, shift += 7) {
				if (this.at >= this.end) {
					throw FrameException.malformed("truncated number");
				}
				int b = this.bytes[this.at++] & 0xFF;
				if (i == MAX_BYTES - 1 && b > 1) {
					throw FrameException.malformed("number out of range");
				}
				value |= (long) (b & 0x7F) << shift;
				if ((b & 0x80) == 0) {
					if (b == 0 && i > 0) {
						throw FrameException.malformed("number not in its shortest form");
					}
					return value;
				}
			}
			throw FrameException.malformed("number out of range");
		}

		/** A length: a varint that fits in what is left. */
		int length() throws FrameException {
			long length = varint();
			if (length > remaining()) {
				throw FrameException.malformed("length beyond the frame");
			}
			return (int) length;
		}

		int u8() throws FrameException {
			if (this.at >= this.end) {
				throw FrameException.malformed("truncated frame");
			}
			return this.bytes[this.at++] & 0xFF;
		}

		void skip(int count) {
			this.at += count;
		}

		void expectEnd() throws FrameException {
			if (this.at != this.end) {
				throw FrameException.malformed("trailing bytes");
			}
		}

	}

}
