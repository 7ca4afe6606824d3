package dev.p2pchat.tracker.registry;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * The result of a successful registration: the only place the lease token is ever
 * returned.
 *
 * @param peer the new record
 * @param leaseToken the secret that renew, rename and remove need (base64url of 32 random
 * bytes); never log it
 * @param lease how long the record lives without a renewal
 */
public record Registration(Peer peer, String leaseToken, Duration lease) {

	public Registration {
		requireNonNull(peer, "peer");
		requireNonNull(leaseToken, "leaseToken");
		requireNonNull(lease, "lease");
	}

	@Override
	public String toString() {
		return "Registration[peer=" + this.peer + ", leaseToken=(hidden), lease=" + this.lease + "]";
	}

}
