package dev.p2pchat.peer.mesh;

import dev.p2pchat.link.frame.MessageRecord;
import dev.p2pchat.link.frame.MessageTag;

/** Message records for tests that only care which message is which: a text alone. */
final class TestMessages {

	private TestMessages() {
	}

	static MessageRecord message(String text) {
		return MessageRecord.builder().string(MessageTag.TEXT, text).build();
	}

	static String text(Outbox.Entry entry) {
		return entry.message().string(MessageTag.TEXT);
	}

}
