package dev.p2pchat.peer.messaging;

/**
 * The history cannot be written now (its disk is full, or failing): a message is not
 * accepted. Either it was refused before anything happened ({@link #mayBeSent()} false),
 * or it was queued but its write failed: it may still be delivered, and is written when
 * space returns unless this peer stops first.
 */
public class StorageException extends RuntimeException {

	private final boolean mayBeSent;

	StorageException(boolean mayBeSent) {
		super(mayBeSent
				? "this peer's history could not be written (its disk is full?): the message may still be delivered"
				: "this peer's history cannot be written (its disk is full?): the message was not sent; try again"
						+ " once space is freed");
		this.mayBeSent = mayBeSent;
	}

	public boolean mayBeSent() {
		return this.mayBeSent;
	}

}
