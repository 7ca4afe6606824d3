package dev.p2pchat.tracker.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import dev.p2pchat.link.identity.Base64Url;
import dev.p2pchat.link.identity.PublicIdentity;
import dev.p2pchat.tracker.identity.InvalidProofException.Reason;

/**
 * Checks the proof of a registration, cheapest checks first: the key's encoding
 * (canonical, on the curve, not of small order: {@link PublicIdentity#of}), that the
 * peerId is the key's, the timestamp's form and its distance from the tracker's clock,
 * the Ed25519 signature, and last that the signature is used for the first time (only
 * valid signatures enter the {@link ReplayCache}, so junk cannot fill it).
 *
 * <p>
 * Thread-safe. Independent of any registry, so every registry implementation gets the
 * same rules.
 */
public final class ProofVerifier {

	/** SPEC: a timestamp within 60 s of the tracker's clock. */
	public static final Duration MAX_SKEW = Duration.ofSeconds(60);

	/**
	 * How long a used signature is remembered: a signature whose timestamp was within
	 * {@link #MAX_SKEW} of now is refused as stale after at most twice that.
	 */
	public static final Duration REPLAY_WINDOW = MAX_SKEW.multipliedBy(2);

	private final Clock clock;

	private final ReplayCache replays;

	/**
	 * Creates a verifier.
	 * @param clock the tracker's clock
	 * @param replays where used signatures are remembered
	 */
	public ProofVerifier(Clock clock, ReplayCache replays) {
		this.clock = clock;
		this.replays = replays;
	}

	/**
	 * Accepts a proof once, or refuses it.
	 * @param proof the fields as sent
	 * @throws InvalidProofException naming what is wrong
	 * @throws ReplayCacheFullException when the proof is valid but cannot be remembered
	 */
	public void verify(RegistrationProof proof) {
		PublicIdentity key = publicKey(proof.publicKey());
		if (!key.peerId().equals(proof.peerId())) {
			throw new InvalidProofException(Reason.WRONG_PEER_ID,
					"peerId must be the lowercase base32 (no padding) of SHA-256 of the publicKey's bytes");
		}
		Instant timestamp = timestamp(proof.timestamp());
		Instant now = this.clock.instant();
		if (Duration.between(timestamp, now).abs().compareTo(MAX_SKEW) > 0) {
			throw new InvalidProofException(Reason.STALE_TIMESTAMP,
					"timestamp must be within " + MAX_SKEW.toSeconds() + " s of the tracker's clock (" + now + ")");
		}
		byte[] signature = Base64Url.decode(proof.signature(), PublicIdentity.SIGNATURE_LENGTH);
		if (signature == null || !key.verifies(proof.message(), signature)) {
			throw new InvalidProofException(Reason.BAD_SIGNATURE,
					"signature must be the publicKey's Ed25519 signature of the registration string");
		}
		if (!this.replays.firstUse(proof.signature(), now.plus(REPLAY_WINDOW))) {
			throw new InvalidProofException(Reason.REPLAYED,
					"this signature has been used before; sign a fresh timestamp");
		}
	}

	private static PublicIdentity publicKey(String text) {
		byte[] raw = Base64Url.decode(text, PublicIdentity.KEY_LENGTH);
		if (raw == null) {
			throw new InvalidProofException(Reason.INVALID_KEY,
					"publicKey must be the raw 32-byte Ed25519 key in base64url without padding (43 characters)");
		}
		try {
			return PublicIdentity.of(raw);
		}
		catch (IllegalArgumentException ex) {
			// a non-canonical or small-order key: the latter would "verify" forged
			// signatures
			throw new InvalidProofException(Reason.INVALID_KEY,
					"publicKey must be an Ed25519 key in its canonical encoding and not of small order ("
							+ ex.getMessage() + ")");
		}
	}

	private static Instant timestamp(String text) {
		// UTC only, as SPEC says: an offset other than Z is refused
		if (!text.endsWith("Z")) {
			throw invalidTimestamp();
		}
		try {
			return Instant.parse(text);
		}
		catch (DateTimeParseException ex) {
			throw invalidTimestamp();
		}
	}

	private static InvalidProofException invalidTimestamp() {
		return new InvalidProofException(Reason.INVALID_TIMESTAMP,
				"timestamp must be an ISO-8601 UTC instant such as 2026-01-01T12:00:00Z");
	}

}
