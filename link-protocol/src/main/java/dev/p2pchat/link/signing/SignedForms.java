package dev.p2pchat.link.signing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The canonical bytes a sender signs for a chat message and for a delivery receipt: a
 * domain label, then every field length-prefixed (4-byte big-endian length ‖ UTF-8), an
 * absent field as length {@code 0xFFFFFFFF}, so that no two different messages share
 * their bytes and a receipt's bytes are never a message's. Stateless.
 */
public final class SignedForms {

	/** Label of a message's bytes. */
	static final String MESSAGE = "p2pchat-message-v1";

	/** Label of a receipt's bytes. */
	static final String RECEIPT = "p2pchat-receipt-v1";

	private SignedForms() {
	}

	/**
	 * A chat message: {@code id} (16 bytes), {@code fromId}, {@code from}, {@code toId},
	 * {@code to} (both absent for a broadcast), {@code text}, {@code sentAt} (8-byte
	 * seconds ‖ 4-byte nanoseconds of the epoch).
	 */
	public static byte[] message(UUID id, String fromId, String from, @Nullable String toId, @Nullable String to,
			String text, Instant sentAt) {
		var out = new Parts(MESSAGE);
		out.bytes(uuid(id));
		out.text(fromId);
		out.text(from);
		out.text(toId);
		out.text(to);
		out.text(text);
		out.bytes(ByteBuffer.allocate(12).putLong(sentAt.getEpochSecond()).putInt(sentAt.getNano()).array());
		return out.toByteArray();
	}

	/**
	 * A delivery receipt: the recipient {@code byId} says it holds message {@code id} of
	 * {@code fromId}.
	 */
	public static byte[] receipt(UUID id, String fromId, String byId) {
		var out = new Parts(RECEIPT);
		out.bytes(uuid(id));
		out.text(fromId);
		out.text(byId);
		return out.toByteArray();
	}

	private static byte[] uuid(UUID id) {
		return ByteBuffer.allocate(16)
			.putLong(id.getMostSignificantBits())
			.putLong(id.getLeastSignificantBits())
			.array();
	}

	private static final class Parts extends ByteArrayOutputStream {

		Parts(String label) {
			super(128);
			text(label);
		}

		void text(@Nullable String value) {
			if (value == null) {
				length(-1);
				return;
			}
			bytes(value.getBytes(StandardCharsets.UTF_8));
		}

		void bytes(byte[] value) {
			length(value.length);
			writeBytes(value);
		}

		private void length(int length) {
			write(length >>> 24);
			write(length >>> 16);
			write(length >>> 8);
			write(length);
		}

	}

}
