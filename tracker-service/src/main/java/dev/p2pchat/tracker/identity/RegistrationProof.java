package dev.p2pchat.tracker.identity;

import dev.p2pchat.link.identity.RegistrationText;

/**
 * The fields of {@code POST /peers} that the proof covers, exactly as sent.
 *
 * @param peerId the claimed peerId
 * @param username the username
 * @param url the url
 * @param publicKey the raw public key, base64url without padding
 * @param timestamp the ISO-8601 UTC instant the proof was made
 * @param signature the signature of {@link #message()}, base64url without padding
 */
public record RegistrationProof(String peerId, String username, String url, String publicKey, String timestamp,
		String signature) {

	/**
	 * The signed bytes: UTF-8 of
	 * {@code p2pchat-register-v1\n<peerId>\n<username>\n<url>\n<timestamp>}.
	 * @return the bytes
	 */
	public byte[] message() {
		return RegistrationText.bytes(this.peerId, this.username, this.url, this.timestamp);
	}

}
