package dev.p2pchat.peer.messaging;

import java.util.Objects;

/**
 * One recipient of a sent message and its delivery state.
 *
 * @param peerId the recipient's peerId
 * @param username its username when the message was sent
 * @param state the delivery state
 */
public record Recipient(String peerId, String username, DeliveryState state) {

	public Recipient {
		Objects.requireNonNull(peerId, "peerId");
		Objects.requireNonNull(username, "username");
		Objects.requireNonNull(state, "state");
	}

}
