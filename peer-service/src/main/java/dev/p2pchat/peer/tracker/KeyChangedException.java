package dev.p2pchat.peer.tracker;

/**
 * A private message by name was refused: the name is now held by a key other than the one
 * this peer trusts for it, and the owner has not accepted the change. Nothing was sent.
 */
public final class KeyChangedException extends RuntimeException {

	private final KeyChange change;

	KeyChangedException(KeyChange change) {
		// at most 200 characters: a name of 32, two peerIds of 52
		super(change.username() + "'s key changed: nothing was sent (trusted " + change.oldPeerId() + ", listed "
				+ change.newPeerId() + ")");
		this.change = change;
	}

	public KeyChange change() {
		return this.change;
	}

}
