package dev.p2pchat.peer.mesh;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The state of this peer's link to another peer, as {@code GET /peers} shows it.
 */
public enum LinkState {

	/** The link is open and its handshake is complete. */
	CONNECTED,

	/**
	 * The link is open through a relay (neither peer can dial the other), its handshake
	 * complete end to end.
	 */
	RELAYED,

	/** A dial or a handshake is under way, or a redial is scheduled. */
	CONNECTING,

	/** No link, and none being made by this side. */
	DOWN;

	/** Whether the link is up, direct or relayed. */
	public boolean up() {
		return this == CONNECTED || this == RELAYED;
	}

	@JsonValue
	public String wireName() {
		return name().toLowerCase(Locale.ROOT);
	}

}
