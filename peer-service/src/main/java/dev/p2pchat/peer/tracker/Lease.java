package dev.p2pchat.peer.tracker;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;

/**
 * The tracker's answer to a registration or a renewal.
 *
 * @param username the name the tracker holds for this peer
 * @param leaseSeconds how long the record lives without renewal
 * @param leaseToken the secret needed to renew, rename and leave (only in the answer to a
 * registration)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record Lease(String username, long leaseSeconds, @Nullable String leaseToken) {

	Lease {
		Objects.requireNonNull(username, "username");
	}

}
