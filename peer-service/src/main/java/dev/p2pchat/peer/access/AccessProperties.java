package dev.p2pchat.peer.access;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The owner's access settings, bound from {@code p2pchat.peer.*} beside the peer's other
 * settings.
 *
 * @param apiToken the owner's token for the API and the page; when unset, one is made at
 * first start and kept in the data directory (file {@code api-token})
 * @param allowedHosts host names this peer answers to besides its advertised URL's host,
 * {@code localhost}, {@code 127.0.0.1} and {@code [::1]} (e.g. a reverse proxy's public
 * name); a request for any other {@code Host} is refused
 * @param maxSessions most page sessions kept at once (each made by opening
 * {@code /?token=}); one more ends the oldest
 */
@ConfigurationProperties("p2pchat.peer")
public record AccessProperties(@Nullable String apiToken, @DefaultValue List<String> allowedHosts,
		@DefaultValue("16") int maxSessions) {

	public AccessProperties {
		if (apiToken != null && apiToken.isBlank()) {
			apiToken = null;
		}
		if (apiToken != null && apiToken.length() < 16) {
			throw new IllegalArgumentException("p2pchat.peer.api-token must be at least 16 characters");
		}
		allowedHosts = List.copyOf(allowedHosts);
		if (maxSessions < 1) {
			throw new IllegalArgumentException("p2pchat.peer.max-sessions must be at least 1");
		}
	}

}
