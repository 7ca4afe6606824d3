package dev.p2pchat.tracker.web;

import dev.p2pchat.tracker.registry.PeerFields;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /peers}. Fields are nullable here so that a missing field is
 * reported by validation, naming it.
 *
 * @param peerId 1–64 of {@code [A-Za-z0-9_-]}
 * @param username 1–32 of {@code [A-Za-z0-9_.-]}
 * @param url an absolute http or https URL
 * @param publicKey the raw 32-byte Ed25519 public key, base64url without padding
 * @param timestamp the ISO-8601 UTC instant the proof was made
 * @param signature the Ed25519 signature of the registration string, base64url without
 * padding
 * @param reachable whether other peers can dial {@code url}; absent means {@code true}
 * (not part of the signed registration string: it only saves others dials, and a peer
 * that cannot reach it still finds out by dialling)
 */
record RegisterRequest(
		@NotNull @Pattern(regexp = PeerFields.PEER_ID,
				message = "must be 1-64 characters of A-Z a-z 0-9 _ - (and not \"events\")") @Nullable String peerId,
		@NotNull @Pattern(regexp = PeerFields.USERNAME,
				message = "must be 1-32 characters of A-Z a-z 0-9 _ . -") @Nullable String username,
		@NotNull @HttpUrl @Nullable String url, @NotNull @Size(max = 64) @Nullable String publicKey,
		@NotNull @Size(max = 64) @Nullable String timestamp, @NotNull @Size(max = 128) @Nullable String signature,
		@Nullable Boolean reachable) {

}
