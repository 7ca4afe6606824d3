package dev.p2pchat.peer.tracker;

import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import dev.p2pchat.link.identity.Identity;
import dev.p2pchat.link.identity.RegistrationText;

/**
 * The body of {@code POST /peers}: who this peer is, with the proof that it holds its
 * identity key — the Ed25519 signature of the {@link RegistrationText} of the fields
 * exactly as sent. A fresh timestamp makes every request's signature new, so the tracker
 * can refuse a replayed one.
 *
 * @param peerId the peerId, the key's hash
 * @param username the username
 * @param url the advertised base URL
 * @param publicKey the raw Ed25519 public key, base64url without padding
 * @param timestamp an ISO-8601 UTC instant, now
 * @param signature the signature, base64url without padding
 * @param reachable whether others can dial {@code url}
 */
record RegistrationRequest(String peerId, String username, String url, String publicKey, String timestamp,
		String signature, boolean reachable) {

	/** A reachable peer's request. */
	static RegistrationRequest sign(Identity identity, String username, URI url, Instant now) {
		return sign(identity, username, url, now, true);
	}

	/** A request signed with the identity at {@code now} (to the millisecond). */
	static RegistrationRequest sign(Identity identity, String username, URI url, Instant now, boolean reachable) {
		String timestamp = now.truncatedTo(ChronoUnit.MILLIS).toString();
		String peerId = identity.peerId();
		String signed = RegistrationText.of(peerId, username, url.toString(), timestamp);
		return new RegistrationRequest(peerId, username, url.toString(), identity.publicIdentity().encoded(), timestamp,
				identity.signText(signed), reachable);
	}

}
