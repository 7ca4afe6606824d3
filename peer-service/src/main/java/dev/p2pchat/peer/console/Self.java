package dev.p2pchat.peer.console;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import dev.p2pchat.peer.config.Username;

/**
 * Who this peer is, as the terminal client knows it: a fixed peer id and the current
 * username, updated by the command loop and the event stream (hence thread-safe), and the
 * texts of the messages this user sent, for their delivery receipts.
 */
final class Self {

	private final String peerId;

	private final AtomicReference<String> username;

	/** Texts of the messages this user sent, by id, the latest {@link #SENT_KEPT}. */
	private final Map<String, String> sent = Collections.synchronizedMap(new LinkedHashMap<>() {
		@Override
		protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
			return size() > SENT_KEPT;
		}
	});

	private static final int SENT_KEPT = 1000;

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

	/** Remembers a message this user sent, to name it when its receipts arrive. */
	void sent(String messageId, String text) {
		this.sent.put(messageId, text);
	}

	/** The text of a message this user sent, if remembered. */
	Optional<String> sentText(String messageId) {
		return Optional.ofNullable(this.sent.get(messageId));
	}

	boolean is(String username) {
		return Username.same(username(), username);
	}

}
