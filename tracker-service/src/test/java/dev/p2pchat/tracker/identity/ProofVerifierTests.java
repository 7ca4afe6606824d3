package dev.p2pchat.tracker.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

import dev.p2pchat.link.identity.Base64Url;
import dev.p2pchat.link.identity.PeerId;
import dev.p2pchat.link.identity.SmallOrderKeys;
import dev.p2pchat.tracker.MutableClock;
import dev.p2pchat.tracker.TestIdentity;
import dev.p2pchat.tracker.identity.InvalidProofException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProofVerifierTests {

	private static final String URL = "http://localhost:8081";

	private final MutableClock clock = MutableClock.startingAt("2026-01-01T00:00:00Z");

	private final ProofVerifier verifier = new ProofVerifier(this.clock, new InMemoryReplayCache(this.clock, 100));

	private final TestIdentity alice = TestIdentity.generate();

	@Test
	void verifyWhenValidAccepts() {
		assertThatNoException().isThrownBy(() -> this.verifier.verify(proof(this.alice, "alice", URL, now())));
	}

	@Test
	void verifyWhenPeerIdIsNotTheKeysRefusesNamingPeerId() {
		TestIdentity mallory = TestIdentity.generate();
		String timestamp = now();
		String message = TestIdentity.message(this.alice.peerId(), "alice", URL, timestamp);

		assertRefused(new RegistrationProof(this.alice.peerId(), "alice", URL, mallory.publicKey(), timestamp,
				mallory.sign(message)), Reason.WRONG_PEER_ID, "peerId");
	}

	@Test
	void verifyWhenSignedByAnotherKeyRefusesNamingSignature() {
		TestIdentity mallory = TestIdentity.generate();
		String timestamp = now();
		String message = TestIdentity.message(this.alice.peerId(), "alice", URL, timestamp);

		assertRefused(new RegistrationProof(this.alice.peerId(), "alice", URL, this.alice.publicKey(), timestamp,
				mallory.sign(message)), Reason.BAD_SIGNATURE, "signature");
	}

	@Test
	void verifyWhenAnySignedFieldDiffersRefuses() {
		String timestamp = now();
		String signature = this.alice.sign(TestIdentity.message(this.alice.peerId(), "alice", URL, timestamp));

		assertRefused(
				new RegistrationProof(this.alice.peerId(), "alicia", URL, this.alice.publicKey(), timestamp, signature),
				Reason.BAD_SIGNATURE, "signature");
		assertRefused(new RegistrationProof(this.alice.peerId(), "alice", "http://localhost:9999",
				this.alice.publicKey(), timestamp, signature), Reason.BAD_SIGNATURE, "signature");
		assertRefused(new RegistrationProof(this.alice.peerId(), "alice", URL, this.alice.publicKey(),
				this.clock.instant().plusMillis(1).toString(), signature), Reason.BAD_SIGNATURE, "signature");
	}

	@Test
	void verifyWhenTimestampOutsideSixtySecondsRefusesAndAtTheEdgeAccepts() {
		Instant now = this.clock.instant();

		assertRefused(proof(this.alice, "alice", URL, now.minusSeconds(61).toString()), Reason.STALE_TIMESTAMP,
				"timestamp");
		assertRefused(proof(this.alice, "alice", URL, now.plusSeconds(61).toString()), Reason.STALE_TIMESTAMP,
				"timestamp");
		assertThatNoException()
			.isThrownBy(() -> this.verifier.verify(proof(this.alice, "alice", URL, now.minusSeconds(60).toString())));
		assertThatNoException()
			.isThrownBy(() -> this.verifier.verify(proof(this.alice, "alice", URL, now.plusSeconds(60).toString())));
	}

	@Test
	void verifyWhenTimestampNotUtcInstantRefuses() {
		for (String timestamp : new String[] { "2026-01-01T01:00:00+01:00", "2026-01-01 00:00:00Z", "yesterday",
				"2026-01-01T00:00:00" }) {
			assertRefused(proof(this.alice, "alice", URL, timestamp), Reason.INVALID_TIMESTAMP, "timestamp");
		}
	}

	@Test
	void verifyWhenSignatureUsedBeforeRefusesAsReplayedUntilItIsStale() {
		RegistrationProof proof = proof(this.alice, "alice", URL, now());
		this.verifier.verify(proof);

		assertRefused(proof, Reason.REPLAYED, "signature");
		this.clock.advance(Duration.ofSeconds(59));
		assertRefused(proof, Reason.REPLAYED, "signature");
		this.clock.advance(Duration.ofSeconds(2));
		assertRefused(proof, Reason.STALE_TIMESTAMP, "timestamp");
	}

	@Test
	void verifyWhenKeyOrSignatureBadlyEncodedRefuses() {
		String timestamp = now();
		String signature = this.alice.sign(TestIdentity.message(this.alice.peerId(), "alice", URL, timestamp));
		String paddedKey = Base64.getUrlEncoder().encodeToString(Base64.getUrlDecoder().decode(this.alice.publicKey()));

		assertRefused(new RegistrationProof(this.alice.peerId(), "alice", URL, paddedKey, timestamp, signature),
				Reason.INVALID_KEY, "publicKey");
		assertRefused(new RegistrationProof(this.alice.peerId(), "alice", URL, this.alice.publicKey().substring(1),
				timestamp, signature), Reason.INVALID_KEY, "publicKey");
		assertRefused(new RegistrationProof(this.alice.peerId(), "alice", URL, nonCanonical(this.alice.publicKey()),
				timestamp, signature), Reason.INVALID_KEY, "publicKey");
		assertRefused(new RegistrationProof(this.alice.peerId(), "alice", URL, this.alice.publicKey(), timestamp,
				nonCanonical(signature)), Reason.BAD_SIGNATURE, "signature");
		assertRefused(new RegistrationProof(this.alice.peerId(), "alice", URL, this.alice.publicKey(), timestamp,
				signature + "AA"), Reason.BAD_SIGNATURE, "signature");
	}

	@Test
	void peerIdIsLowercaseBase32OfSha256WithoutPadding() {
		byte[] zeros = new byte[32];

		// SHA-256 of 32 zero bytes is
		// 66687aadf862bd776c8fc18b8e9f8e20089714856ee233b3902a591d0d5f2925
		assertThat(PeerId.of(zeros)).isEqualTo("mzuhvlpymk6xo3epygfy5h4oeaejofefn3rdhm4qfjmr2dk7fesq").hasSize(52);
	}

	/**
	 * The eight Ed25519 points of small order (issue 18): the neutral element comes with
	 * the signature (R = neutral, S = 0), which a cofactorless verifier accepts for any
	 * text.
	 */
	@ParameterizedTest
	@MethodSource("dev.p2pchat.link.identity.SmallOrderKeys#hex")
	void verifyWhenKeyIsOfSmallOrderRefusesNamingPublicKey(String hex) {
		byte[] key = HexFormat.of().parseHex(hex);

		assertRefused(new RegistrationProof(PeerId.of(key), "mallory", URL, Base64Url.encode(key), now(),
				Base64Url.encode(SmallOrderKeys.forgedSignature())), Reason.INVALID_KEY, "publicKey");
	}

	@Test
	void verifyWhenKeyIsNotCanonicalRefusesNamingPublicKey() {
		// y = p + 1: a second spelling of the neutral element
		byte[] key = HexFormat.of().parseHex("eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f");

		assertRefused(new RegistrationProof(PeerId.of(key), "mallory", URL, Base64Url.encode(key), now(),
				Base64Url.encode(new byte[64])), Reason.INVALID_KEY, "publicKey");
	}

	private String now() {
		return this.clock.instant().toString();
	}

	private static RegistrationProof proof(TestIdentity identity, String username, String url, String timestamp) {
		return new RegistrationProof(identity.peerId(), username, url, identity.publicKey(), timestamp,
				identity.sign(TestIdentity.message(identity.peerId(), username, url, timestamp)));
	}

	/** The same bytes with non-zero unused bits in the last character. */
	private static String nonCanonical(String canonical) {
		char last = canonical.charAt(canonical.length() - 1);
		String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
		return canonical.substring(0, canonical.length() - 1) + alphabet.charAt(alphabet.indexOf(last) | 1);
	}

	private void assertRefused(RegistrationProof proof, Reason reason, String field) {
		assertThatThrownBy(() -> this.verifier.verify(proof)).isInstanceOfSatisfying(InvalidProofException.class,
				(ex) -> {
					assertThat(ex.reason()).isEqualTo(reason);
					assertThat(ex.reason().field()).isEqualTo(field);
				});
	}

}
