package dev.p2pchat.peer.tracker;

import java.util.Objects;

/**
 * A username that this peer knew under one key is now listed with another: its owner has
 * not accepted the change yet.
 *
 * @param username the name as the directory lists it now
 * @param oldPeerId the peerId this peer trusts for the name (first seen, or accepted)
 * @param newPeerId the peerId the directory lists for it now
 */
public record KeyChange(String username, String oldPeerId, String newPeerId) {

	public KeyChange {
		Objects.requireNonNull(username, "username");
		Objects.requireNonNull(oldPeerId, "oldPeerId");
		Objects.requireNonNull(newPeerId, "newPeerId");
	}

}
