package dev.p2pchat.link.frame;

/**
 * The tags of a chat message's fields in a {@link MessageRecord}. A new field is a new
 * constant (never reuse a number): a receiver that does not know a tag skips its field.
 * Tag 0 is never used.
 */
public final class MessageTag {

	/** The message id: a UUID, 16 bytes (most significant half first). */
	public static final int ID = 1;

	/** The sender's username when it sent the message: UTF-8. */
	public static final int FROM = 2;

	/** The recipient's peerId, only for a private message: UTF-8. */
	public static final int TO_ID = 3;

	/** The recipient's username, only for a private message: UTF-8. */
	public static final int TO = 4;

	/** The text: UTF-8. */
	public static final int TEXT = 5;

	/**
	 * When the sender accepted it: 8-byte signed seconds since the epoch and 4-byte
	 * nanoseconds (0 to 999,999,999), big-endian.
	 */
	public static final int SENT_AT = 6;

	/** Highest tag a record indexes; a larger tag is still read, and skipped. */
	static final int MAX_KNOWN = 63;

	private MessageTag() {
	}

}
