package dev.p2pchat.peer.config;

import java.net.URI;
import java.util.Objects;

/**
 * Who this peer is: a fixed peerId (its identity key's) and advertised URL, and a
 * username that changes on rename. Thread-safe.
 */
public final class LocalPeer {

	private final String id;

	private final URI url;

	private volatile String username;

	public LocalPeer(String id, String username, URI url) {
		this.id = Objects.requireNonNull(id);
		this.username = Objects.requireNonNull(username);
		this.url = Objects.requireNonNull(url);
	}

	public String id() {
		return this.id;
	}

	public URI url() {
		return this.url;
	}

	public String username() {
		return this.username;
	}

	public void rename(String username) {
		this.username = Objects.requireNonNull(username);
	}

}
