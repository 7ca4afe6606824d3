package dev.p2pchat.peer.messaging;

/**
 * How much history a peer keeps: at most {@code messages} messages and at most
 * {@code bytes} of their estimated heap size ({@link LoggedMessage#weight()}); past
 * either the oldest go first. The newest message always stays, however large.
 */
record HistoryBound(int messages, long bytes) {

	HistoryBound {
		if (messages < 1 || bytes < 1) {
			throw new IllegalArgumentException("history bounds must be positive");
		}
	}

	/** Bounded in messages only. */
	static HistoryBound ofMessages(int messages) {
		return new HistoryBound(messages, Long.MAX_VALUE);
	}

	/**
	 * Whether {@code count} messages weighing {@code weight} are more than this keeps.
	 */
	boolean exceededBy(int count, long weight) {
		return count > this.messages || (count > 1 && weight > this.bytes);
	}

}
