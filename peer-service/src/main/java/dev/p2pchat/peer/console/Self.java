package dev.p2pchat.peer.console;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Who this peer is, as the terminal client knows it: a fixed peer id and the current
 * username, updated by the command loop and the event stream (hence thread-safe).
 */
final class Self {

	private final String peerId;

	private final AtomicReference<String> username;

	Self(String peerId, String username) {
		this.peerId = peerId;
		this.username = new AtomicReference<>(username);
	}

	String peerId() {
		return this.peerId;
	}

	String username() {
		return this.username.get();
	}

	void renamed(String username) {
		this.username.set(username);
	}

	boolean is(String username) {
		return username().toLowerCase(Locale.ROOT).equals(username.toLowerCase(Locale.ROOT));
	}

}
