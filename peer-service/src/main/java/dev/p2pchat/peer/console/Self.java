package dev.p2pchat.peer.console;

import java.util.concurrent.atomic.AtomicReference;

import dev.p2pchat.peer.config.Username;

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

	/**
	 * Records a new username; the command loop and the event stream may both learn of the
	 * same rename, and only one of them is told it changed.
	 * @param username the new username
	 * @return whether this call changed it
	 */
	boolean renamed(String username) {
		String previous = this.username.getAndSet(username);
		return !previous.equals(username);
	}

	boolean is(String username) {
		return Username.same(username(), username);
	}

}
