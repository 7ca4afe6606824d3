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
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.p2pchat.link.signing.MessageProof;
import dev.p2pchat.peer.store.Journal;

/**
 * The history on disk: a {@link Journal} of two kinds of records, a message (with its
 * recipients and their states, and its sender's signature when this peer holds one) and a
 * recipient's state settling. Thread-safe.
 */
final class HistoryStore implements AutoCloseable {

	private static final byte MESSAGE = 'M';

	private static final byte SETTLED = 'S';

	/** An action on a message (reply, edit, deletion, reaction, read marker). */
	private static final byte ACTION = 'A';

	/**
	 * Starts a message record's actions tail: never the first byte of a signature's
	 * length (a signature is far shorter than 2^24 bytes).
	 */
	private static final byte ACTIONS_MARK = 0x7F;

	static final byte REPLY = 1;

	static final byte EDIT = 2;

	static final byte DELETE = 3;

	static final byte REACT = 4;

	static final byte UNREACT = 5;

	static final byte READ = 6;

	private static final DeliveryState[] STATES = DeliveryState.values();

	private final Journal journal;

	/** Messages read at opening and forgotten at once for the bound. */
	private final int forgotten;

	private HistoryStore(Journal journal, int forgotten) {
		this.journal = journal;
		this.forgotten = forgotten;
	}

	/**
	 * Opens the store in {@code dir} and reads the messages it holds, oldest first, with
	 * their states: the newest within {@code bound}, which is all the memory reading
	 * takes, whatever the files hold.
	 */
	static HistoryStore open(Path dir, Journal.Settings settings, HistoryBound bound,
			LinkedHashMap<UUID, LoggedMessage> into) {
		var restoring = new Restoring(bound, into);
		Journal journal = Journal.open(dir, settings, restoring::replay);
		return new HistoryStore(journal, restoring.forgotten);
	}

	/** Whether the files held more than the bound: a compaction lets the excess go. */
	boolean heldMoreThanTheBound() {
		return this.forgotten > 0;
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

	/**
	 * Journals an action on a message: {@code values} are the action's strings (a reply's
	 * id, an edit's text, a reaction's emoji, peerId and username, a reader's peerId and
	 * username).
	 * @return the ticket to {@link #await}
	 */
	long acted(ChatMessage message, byte action, String... values) {
		var bytes = new ByteArrayOutputStream(64);
		try (var out = new DataOutputStream(bytes)) {
			out.writeByte(ACTION);
			out.writeLong(message.id().getMostSignificantBits());
			out.writeLong(message.id().getLeastSignificantBits());
			writeString(out, message.fromId());
			out.writeByte(action);
			out.writeByte(values.length);
			for (String value : values) {
				writeString(out, value);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return this.journal.append(bytes.toByteArray());
	}

	void await(long ticket) {
		this.journal.await(ticket);
	}

	/** The journal's last write failed (a full disk) and nothing is written meanwhile. */
	boolean failing() {
		return this.journal.failing();
	}

	/**
	 * Starts a new segment and writes, in the background, these messages as its snapshot.
	 */
	void compact(List<LoggedMessage> messages) {
		int segment = this.journal.rotate();
		this.journal.snapshotLater(segment, () -> () -> messages.stream().map(HistoryStore::encode).iterator());
	}

	@Override
	public void close() {
		this.journal.close();
	}

	/**
	 * The record of a message: sized first and written into one array (what every sent
	 * and received message costs, so no stream layers).
	 */
	static byte[] encode(LoggedMessage logged) {
		ChatMessage message = logged.message();
		List<Recipient> recipients = logged.recipients();
		byte[] fromId = utf8(message.fromId());
		byte[] from = utf8(message.from());
		byte @Nullable [] toId = (message.toId() != null) ? utf8(message.toId()) : null;
		byte @Nullable [] to = (message.to() != null) ? utf8(message.to()) : null;
		byte[] text = utf8(message.text());
		byte[] actions = encodeActions(logged);
		var recipientIds = new byte[recipients.size()][];
		var recipientNames = new byte[recipients.size()][];
		// the signature after the recipients: records written before signatures existed
		// end there and still read (as messages without one); then the actions' tail,
		// which starts with ACTIONS_MARK where a signature's length starts with 0
		byte @Nullable [] proof = (logged.proof() != null) ? logged.proof().encode() : null;
		int size = 1 + 16 + sized(fromId) + sized(from) + nullableSized(toId) + nullableSized(to) + sized(text) + 12 + 4
				+ ((proof != null) ? sized(proof) : 0) + ((actions.length > 0) ? 1 + actions.length : 0);
		for (int i = 0; i < recipients.size(); i++) {
			recipientIds[i] = utf8(recipients.get(i).peerId());
			recipientNames[i] = utf8(recipients.get(i).username());
			size += sized(recipientIds[i]) + sized(recipientNames[i]) + 1;
		}
		ByteBuffer out = ByteBuffer.allocate(size);
		out.put(MESSAGE).putLong(message.id().getMostSignificantBits()).putLong(message.id().getLeastSignificantBits());
		putString(out, fromId);
		putString(out, from);
		putNullable(out, toId);
		putNullable(out, to);
		putString(out, text);
		out.putLong(message.sentAt().getEpochSecond()).putInt(message.sentAt().getNano());
		out.putInt(recipients.size());
		for (int i = 0; i < recipients.size(); i++) {
			putString(out, recipientIds[i]);
			putString(out, recipientNames[i]);
			out.put((byte) recipients.get(i).state().ordinal());
		}
		if (proof != null) {
			putString(out, proof);
		}
		if (actions.length > 0) {
			out.put(ACTIONS_MARK).put(actions);
		}
		return out.array();
	}

	/**
	 * The actions' result after a message's recipients (none for a message without any,
	 * which reads as the records of earlier versions): flags, the reply's id, reactions,
	 * readers. A deleted message's text is already gone from the record.
	 */
	private static byte[] encodeActions(LoggedMessage logged) {
		UUID replyTo = logged.replyTo();
		boolean edited = logged.edited();
		boolean deleted = logged.deleted();
		Map<String, Map<String, String>> reactions = logged.reactionsById();
		Map<String, String> readers = logged.readersById();
		if (replyTo == null && !edited && !deleted && reactions.isEmpty() && readers.isEmpty()) {
			return new byte[0];
		}
		var bytes = new ByteArrayOutputStream(64);
		try (var out = new DataOutputStream(bytes)) {
			out.writeByte((edited ? 1 : 0) | (deleted ? 2 : 0) | ((replyTo != null) ? 4 : 0));
			if (replyTo != null) {
				out.writeLong(replyTo.getMostSignificantBits());
				out.writeLong(replyTo.getLeastSignificantBits());
			}
			out.writeInt(reactions.size());
			for (var reaction : reactions.entrySet()) {
				writeString(out, reaction.getKey());
				writePairs(out, reaction.getValue());
			}
			writePairs(out, readers);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	private static void writePairs(DataOutputStream out, Map<String, String> pairs) throws IOException {
		out.writeInt(pairs.size());
		for (var pair : pairs.entrySet()) {
			writeString(out, pair.getKey());
			writeString(out, pair.getValue());
		}
	}

	private static void readActions(ByteBuffer in, LoggedMessage logged) {
		byte flags = in.get();
		if ((flags & 4) != 0) {
			logged.replyTo(new UUID(in.getLong(), in.getLong()));
		}
		int reactions = in.getInt();
		for (int i = 0; i < reactions; i++) {
			String emoji = readString(in);
			int who = in.getInt();
			for (int j = 0; j < who; j++) {
				logged.react(emoji, readString(in), readString(in), true);
			}
		}
		int readers = in.getInt();
		for (int i = 0; i < readers; i++) {
			logged.readBy(readString(in), readString(in));
		}
		logged.restore((flags & 1) != 0, (flags & 2) != 0);
	}

	/** Applies an action record to the message it names, when the history holds it. */
	private static void replayAction(ByteBuffer record, UUID id, LinkedHashMap<UUID, LoggedMessage> into) {
		String fromId = readString(record);
		byte action = record.get();
		String[] values = new String[record.get()];
		for (int i = 0; i < values.length; i++) {
			values[i] = readString(record);
		}
		LoggedMessage logged = into.get(id);
		if (logged != null && !logged.message().fromId().equals(fromId)) {
			logged = into.get(UUID.nameUUIDFromBytes((fromId + "/" + id).getBytes(StandardCharsets.UTF_8)));
		}
		if (logged != null) {
			apply(logged, action, values);
		}
	}

	/** Applies an action (as {@link #acted} journals it) to a message. */
	static boolean apply(LoggedMessage logged, byte action, String... values) {
		return switch (action) {
			case REPLY -> {
				logged.replyTo(UUID.fromString(values[0]));
				yield true;
			}
			case EDIT -> logged.edit(values[0]);
			case DELETE -> logged.delete();
			case REACT -> logged.react(values[0], values[1], values[2], true);
			case UNREACT -> logged.react(values[0], values[1], values[2], false);
			case READ -> logged.readBy(values[0], values[1]);
			default -> throw new IllegalArgumentException("unknown action " + action);
		};
	}

	private static byte[] utf8(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}

	private static int sized(byte[] utf8) {
		return 4 + utf8.length;
	}

	private static int nullableSized(byte @Nullable [] utf8) {
		return 1 + ((utf8 != null) ? sized(utf8) : 0);
	}

	private static void putString(ByteBuffer out, byte[] utf8) {
		out.putInt(utf8.length).put(utf8);
	}

	private static void putNullable(ByteBuffer out, byte @Nullable [] utf8) {
		out.put((byte) ((utf8 != null) ? 1 : 0));
		if (utf8 != null) {
			putString(out, utf8);
		}
	}

	/** The messages read so far, the newest within the bound. */
	private static final class Restoring {

		private final HistoryBound bound;

		private final LinkedHashMap<UUID, LoggedMessage> into;

		private long weight;

		private int forgotten;

		Restoring(HistoryBound bound, LinkedHashMap<UUID, LoggedMessage> into) {
			this.bound = bound;
			this.into = into;
		}

		void replay(ByteBuffer record) {
			LoggedMessage added = HistoryStore.replay(record, this.into);
			if (added == null) {
				return;
			}
			this.weight += added.weight();
			var oldestFirst = this.into.values().iterator();
			while (this.bound.exceededBy(this.into.size(), this.weight)) {
				this.weight -= oldestFirst.next().weight();
				oldestFirst.remove();
				this.forgotten++;
			}
		}

	}

	/** Applies one record; returns the message it added, if any. */
	private static @Nullable LoggedMessage replay(ByteBuffer record, LinkedHashMap<UUID, LoggedMessage> into) {
		byte kind = record.get();
		UUID id = new UUID(record.getLong(), record.getLong());
		if (kind == SETTLED) {
			String peerId = readString(record);
			DeliveryState state = STATES[record.get()];
			LoggedMessage logged = into.get(id);
			if (logged != null) {
				logged.settle(peerId, state);
			}
			return null;
		}
		if (kind == ACTION) {
			replayAction(record, id, into);
			return null;
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
		MessageProof proof = null;
		if (record.hasRemaining() && record.get(record.position()) != ACTIONS_MARK) {
			byte[] bytes = new byte[record.getInt()];
			record.get(bytes);
			proof = MessageProof.decode(bytes);
		}
		var logged = new LoggedMessage(message, peerIds, usernames, proof);
		for (int i = 0; i < count; i++) {
			if (states.get(i) != DeliveryState.PENDING) {
				logged.settle(peerIds.get(i), states.get(i));
			}
		}
		if (record.hasRemaining() && record.get() == ACTIONS_MARK) {
			readActions(record, logged);
		}
		LoggedMessage first = into.putIfAbsent(id, logged);
		if (first == null) {
			return logged;
		}
		if (!first.message().fromId().equals(message.fromId())) {
			// another sender reused the id (see MessageLog): kept too, under a key of its
			// own; only this peer's own messages (first holders) are settled by id
			UUID own = UUID.nameUUIDFromBytes((message.fromId() + "/" + id).getBytes(StandardCharsets.UTF_8));
			return (into.putIfAbsent(own, logged) == null) ? logged : null;
		}
		return null;
	}

	private static void writeString(DataOutputStream out, String value) throws IOException {
		byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
		out.writeInt(utf8.length);
		out.write(utf8);
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
