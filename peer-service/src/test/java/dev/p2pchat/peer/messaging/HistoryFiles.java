package dev.p2pchat.peer.messaging;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import dev.p2pchat.peer.store.Journal;
import dev.p2pchat.peer.store.SyncPolicy;

/**
 * For tests elsewhere: a data directory's history written with the peer's own journal and
 * record format, as a peer that received those messages would have written it.
 */
public final class HistoryFiles {

	/** The sender of {@link #writeReceived}'s messages: a peerId-shaped id. */
	public static final String SENDER_ID = "m".repeat(52);

	public static final String SENDER = "mallory";

	private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

	private HistoryFiles() {
	}

	/**
	 * Writes {@code count} broadcasts received from {@link #SENDER} into the journal in
	 * {@code historyDir}, the {@code i}-th with {@code text.apply(i)}, oldest first.
	 */
	public static void writeReceived(Path historyDir, int count, java.util.function.IntFunction<String> text) {
		var settings = new Journal.Settings(SyncPolicy.NONE, Duration.ofHours(1));
		try (Journal journal = Journal.open(historyDir, settings, (record) -> {
		})) {
			for (int i = 0; i < count; i++) {
				// one at a time: the journal's buffer holds one record, not the file
				journal.await(journal.append(HistoryStore.encode(LoggedMessage.received(message(i, text.apply(i))))));
			}
		}
	}

	/** What the history's byte bound counts for one of those messages. */
	public static long weight(String text) {
		return LoggedMessage.received(message(0, text)).weight();
	}

	private static ChatMessage message(int i, String text) {
		return new ChatMessage(new UUID(0x0190_0000_0000_7000L + i, 0x8000_0000_0000_0000L + i), SENDER_ID, SENDER,
				null, null, text, T0.plusMillis(i));
	}

}
