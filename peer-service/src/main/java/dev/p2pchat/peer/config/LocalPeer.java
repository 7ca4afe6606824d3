package dev.p2pchat.peer.config;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * Who this peer is: a fixed peerId and advertised URL, and a username that changes on
 * rename. Thread-safe.
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

	/** The peer described by the properties, its id derived when not configured. */
	public static LocalPeer of(PeerProperties properties) {
		String id = properties.id();
		if (id == null) {
			id = derivedId(properties.username(), properties.advertisedUrl());
		}
		return new LocalPeer(id, properties.username(), properties.advertisedUrl());
	}

	/** Name-based UUID of the lower-cased username and the advertised URL. */
	static String derivedId(String username, URI url) {
		String key = "p2pchat:" + username.toLowerCase(Locale.ROOT) + "@" + url;
		return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
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
