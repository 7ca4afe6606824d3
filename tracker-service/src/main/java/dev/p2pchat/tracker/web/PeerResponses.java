package dev.p2pchat.tracker.web;

import java.time.Instant;

import dev.p2pchat.tracker.registry.Peer;
import dev.p2pchat.tracker.registry.Registration;

/**
 * Response bodies that add lease details to a peer record.
 */
final class PeerResponses {

	private PeerResponses() {
	}

	/**
	 * The body of a 201 from {@code POST /peers}; the only body that carries the token.
	 *
	 * @param peerId the peerId
	 * @param username the username
	 * @param url the url
	 * @param publicKey the identity key
	 * @param registeredAt when the record was created
	 * @param renewedAt when the lease was last renewed
	 * @param leaseSeconds the lease in whole seconds
	 * @param leaseToken the secret for renew, rename and delete
	 */
	record Registered(String peerId, String username, String url, String publicKey, Instant registeredAt,
			Instant renewedAt, long leaseSeconds, String leaseToken) {

		static Registered of(Registration registration) {
			Peer peer = registration.peer();
			return new Registered(peer.peerId(), peer.username(), peer.url(), peer.publicKey(), peer.registeredAt(),
					peer.renewedAt(), registration.lease().toSeconds(), registration.leaseToken());
		}

		@Override
		public String toString() {
			return "Registered[peerId=" + this.peerId + ", leaseToken=(hidden)]";
		}

	}

	/**
	 * The body of a 200 from {@code PUT /peers/{peerId}/lease}.
	 *
	 * @param peerId the peerId
	 * @param username the username
	 * @param url the url
	 * @param publicKey the identity key
	 * @param registeredAt when the record was created
	 * @param renewedAt when the lease was renewed (now)
	 * @param leaseSeconds the lease in whole seconds
	 */
	record Renewed(String peerId, String username, String url, String publicKey, Instant registeredAt,
			Instant renewedAt, long leaseSeconds) {

		static Renewed of(Peer peer, long leaseSeconds) {
			return new Renewed(peer.peerId(), peer.username(), peer.url(), peer.publicKey(), peer.registeredAt(),
					peer.renewedAt(), leaseSeconds);
		}

	}

}
