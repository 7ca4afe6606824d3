package dev.p2pchat.peer.tracker;

import java.net.URI;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;

/**
 * A peer as the tracker lists it ({@code registeredAt}/{@code renewedAt} are not needed
 * here and ignored).
 *
 * @param peerId the peer's id
 * @param username its current username
 * @param url the base URL where it accepts links
 * @param previousUsername the former name, only in a {@code renamed} event
 * @param publicKey its identity key (raw Ed25519, base64url), when the tracker lists it
 * @param reachable whether others can dial it; {@code null} (an older tracker) counts as
 * reachable
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TrackerPeer(String peerId, String username, URI url, @Nullable String previousUsername,
		@Nullable String publicKey, @Nullable Boolean reachable) {

	public TrackerPeer(String peerId, String username, URI url, @Nullable String previousUsername,
			@Nullable String publicKey) {
		this(peerId, username, url, previousUsername, publicKey, null);
	}

	public TrackerPeer {
		Objects.requireNonNull(peerId, "peerId");
		Objects.requireNonNull(username, "username");
		Objects.requireNonNull(url, "url");
	}

}
