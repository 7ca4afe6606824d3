package dev.p2pchat.peer.messaging;

/**
 * A message to send is not acceptable: {@link #field()} names the offending field.
 */
public class InvalidMessageException extends RuntimeException {

	private final String field;

	private final boolean tooLarge;

	InvalidMessageException(String field, String message, boolean tooLarge) {
		super(message);
		this.field = field;
		this.tooLarge = tooLarge;
	}

	public String field() {
		return this.field;
	}

	/** Whether the problem is size (413) rather than content (400). */
	public boolean tooLarge() {
		return this.tooLarge;
	}

}
