package dev.p2pchat.peer.messaging;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.p2pchat.peer.store.Journal;

/**
 * The history on disk: a {@link Journal} of two kinds of records, a message (with its
 * recipients and their states) and a recipient's state settling. Thread-safe.
 */
final class HistoryStore implements AutoCloseable {

	private static final byte MESSAGE = 'M';

	private static final byte SETTLED = 'S';

	private static final DeliveryState[] STATES = DeliveryState.values();

	private final Journal journal;

	private HistoryStore(Journal journal) {
		this.journal = journal;
	}

	/**
	 * Opens the store in {@code dir} and reads the messages it holds, oldest first, with
	 * their states.
	 */
	static HistoryStore open(Path dir, Journal.Settings settings, LinkedHashMap<UUID, LoggedMessage> into) {
		return new HistoryStore(Journal.open(dir, settings, (record) -> replay(record, into)));
	}

	long appended(LoggedMessage message) {
		return this.journal.append(encode(message));
	}

	void settled(UUID id, String peerId, DeliveryState state) {
		var bytes = new ByteArrayOutputStream(64);
		try (var out = new DataOutputStream(bytes)) {
			out.writeByte(SETTLED);
			out.writeLong(id.getMostSignificantBits());
			out.writeLong(id.getLeastSignificantBits());
			writeString(out, peerId);
			out.writeByte(state.ordinal());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.journal.append(bytes.toByteArray());
	}

	void await(long ticket) {
		this.journal.await(ticket);
	}

	/**
	 * Starts a new segment and writes, in the background, these messages as its snapshot.
	 */
	void compact(List<LoggedMessage> messages) {
		int segment = this.journal.rotate();
		this.journal.snapshotLater(segment, () -> messages.stream().map(HistoryStore::encode).toList());
	}

	@Override
	public void close() {
		this.journal.close();
	}

	static byte[] encode(LoggedMessage logged) {
		ChatMessage message = logged.message();
		var bytes = new ByteArrayOutputStream(128 + 3 * message.text().length());
		try (var out = new DataOutputStream(bytes)) {
			out.writeByte(MESSAGE);
			out.writeLong(message.id().getMostSignificantBits());
			out.writeLong(message.id().getLeastSignificantBits());
			writeString(out, message.fromId());
			writeString(out, message.from());
			writeNullable(out, message.toId());
			writeNullable(out, message.to());
			writeString(out, message.text());
			out.writeLong(message.sentAt().getEpochSecond());
			out.writeInt(message.sentAt().getNano());
			List<Recipient> recipients = logged.recipients();
			out.writeInt(recipients.size());
			for (Recipient recipient : recipients) {
				writeString(out, recipient.peerId());
				writeString(out, recipient.username());
				out.writeByte(recipient.state().ordinal());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	private static void replay(ByteBuffer record, LinkedHashMap<UUID, LoggedMessage> into) {
		byte kind = record.get();
		UUID id = new UUID(record.getLong(), record.getLong());
		if (kind == SETTLED) {
			String peerId = readString(record);
			DeliveryState state = STATES[record.get()];
			LoggedMessage logged = into.get(id);
			if (logged != null) {
				logged.settle(peerId, state);
			}
			return;
		}
		if (kind != MESSAGE) {
			throw new IllegalArgumentException("unknown record kind " + kind);
		}
		var message = new ChatMessage(id, readString(record), readString(record), readNullable(record),
				readNullable(record), readString(record), Instant.ofEpochSecond(record.getLong(), record.getInt()));
		int count = record.getInt();
		List<String> peerIds = new ArrayList<>(count);
		List<String> usernames = new ArrayList<>(count);
		List<DeliveryState> states = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			peerIds.add(readString(record));
			usernames.add(readString(record));
			states.add(STATES[record.get()]);
		}
		var logged = new LoggedMessage(message, peerIds, usernames);
		for (int i = 0; i < count; i++) {
			if (states.get(i) != DeliveryState.PENDING) {
				logged.settle(peerIds.get(i), states.get(i));
			}
		}
		into.putIfAbsent(id, logged);
	}

	private static void writeString(DataOutputStream out, String value) throws IOException {
		byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
		out.writeInt(utf8.length);
		out.write(utf8);
	}

	private static void writeNullable(DataOutputStream out, @Nullable String value) throws IOException {
		out.writeBoolean(value != null);
		if (value != null) {
			writeString(out, value);
		}
	}

	private static String readString(ByteBuffer in) {
		byte[] utf8 = new byte[in.getInt()];
		in.get(utf8);
		return new String(utf8, StandardCharsets.UTF_8);
	}

	private static @Nullable String readNullable(ByteBuffer in) {
		return (in.get() != 0) ? readString(in) : null;
	}

}
