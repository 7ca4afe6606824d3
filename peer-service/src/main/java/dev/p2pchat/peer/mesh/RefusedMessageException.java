package dev.p2pchat.peer.mesh;

/**
 * A received message breaks the rules every sent message obeys: the link it came on is
 * closed (1007) with this message as the reason, and the refusal counted by its
 * {@link FrameRefusal}. The message says what was wrong, never more than ~100 characters
 * of what was sent.
 */
public final class RefusedMessageException extends IllegalArgumentException {

	private final FrameRefusal refusal;

	public RefusedMessageException(FrameRefusal refusal, String reason) {
		super(reason);
		this.refusal = refusal;
	}

	public FrameRefusal refusal() {
		return this.refusal;
	}

}
