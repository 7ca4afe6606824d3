package dev.p2pchat.tracker.web;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

import dev.p2pchat.link.identity.Base64Url;
import dev.p2pchat.link.identity.PeerId;
import dev.p2pchat.link.identity.SmallOrderKeys;

import dev.p2pchat.tracker.ServerTestBase;
import dev.p2pchat.tracker.TestIdentity;
import dev.p2pchat.tracker.TrackerTestSupport;
import dev.p2pchat.tracker.registry.Peer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SPEC's registration rules over real HTTP: every refusal is a 4xx problem naming the
 * field, and leaves the registry exactly as it was; bob, registered first, keeps his
 * record, his token and his name through every attempt to take them.
 */
class RegistrationRulesTests extends ServerTestBase {

	private static final String BOB_URL = "http://localhost:8082";

	private final TestIdentity bob = TestIdentity.generate();

	private final TestIdentity mallory = TestIdentity.generate();

	private String bobToken;

	private Peer bobRecord;

	@BeforeEach
	void registerBob() {
		HttpResponse<String> response = post(this.bob.registration("bob", BOB_URL, this.http.now()));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		this.bobToken = TrackerTestSupport.json(response.body()).get("leaseToken").asString();
		this.bobRecord = this.registry.find(this.bob.peerId()).orElseThrow();
	}

	@Test
	void registerWhenPeerIdIsNotTheKeysIsRefused() {
		Map<String, String> body = this.mallory.registration("mallory", "http://localhost:9999", this.http.now());
		body = with(body, "peerId", this.bob.peerId());
		body = with(body, "signature", this.mallory
			.sign(TestIdentity.message(this.bob.peerId(), "mallory", "http://localhost:9999", body.get("timestamp"))));

		assertRefused(post(body), 400, "urn:p2pchat:wrong-peer-id", "peerId");
	}

	@Test
	void registerWhenSignatureIsBadIsRefused() {
		Map<String, String> body = this.mallory.registration("mallory", "http://localhost:9999", this.http.now());

		assertRefused(post(with(body, "username", "mallory2")), 400, "urn:p2pchat:bad-signature", "signature");
		assertRefused(post(with(body, "signature", this.bob.sign("something else"))), 400, "urn:p2pchat:bad-signature",
				"signature");
		assertRefused(post(with(body, "signature", "AAAA")), 400, "urn:p2pchat:bad-signature", "signature");
	}

	/**
	 * Issue 18: the eight Ed25519 points of small order are refused as keys, whatever the
	 * signature — the neutral element's comes with (R = neutral, S = 0), which a
	 * cofactorless verifier accepts for any text.
	 */
	@Test
	void registerWhenKeyIsOfSmallOrderIsRefusedNamingPublicKey() {
		for (String hex : SmallOrderKeys.HEX) {
			byte[] key = HexFormat.of().parseHex(hex);
			Map<String, String> body = this.mallory.registration("mallory", "http://localhost:9999", this.http.now());
			body = with(body, "publicKey", Base64Url.encode(key));
			body = with(body, "peerId", PeerId.of(key));
			body = with(body, "signature", Base64Url.encode(SmallOrderKeys.forgedSignature()));

			assertRefused(post(body), 400, "urn:p2pchat:invalid-key", "publicKey");
		}
	}

	@Test
	void registerWhenTimestampIsStaleOrInTheFutureIsRefused() {
		Instant now = this.clock.instant();

		assertRefused(post(this.mallory.registration("mallory", "http://localhost:9999", now.minusSeconds(61))), 400,
				"urn:p2pchat:stale-timestamp", "timestamp");
		assertRefused(post(this.mallory.registration("mallory", "http://localhost:9999", now.plusSeconds(61))), 400,
				"urn:p2pchat:stale-timestamp", "timestamp");
		assertRefused(
				post(with(this.mallory.registration("mallory", "http://localhost:9999", now), "timestamp", "now")), 400,
				"urn:p2pchat:invalid-timestamp", "timestamp");
	}

	@Test
	void registerWhenSignatureIsReplayedIsRefusedAndBobKeepsHisToken() {
		Map<String, String> bobsOwn = this.bob.registration("bob", BOB_URL, this.http.now());
		this.clock.advance(Duration.ofSeconds(1));
		HttpResponse<String> first = post(bobsOwn);
		assertThat(first.statusCode()).isEqualTo(201);
		this.bobToken = TrackerTestSupport.json(first.body()).get("leaseToken").asString();
		this.bobRecord = this.registry.find(this.bob.peerId()).orElseThrow();

		// a captured registration sent again, at once and later, gets no token
		assertRefused(post(bobsOwn), 400, "urn:p2pchat:replayed-signature", "signature");
		// 11, 21, ... 51 s after its timestamp the cache refuses it; at 61 s it is stale
		for (int i = 0; i < 6; i++) {
			this.clock.advance(Duration.ofSeconds(10));
			this.bobRecord = renewBob();
			assertRefused(post(bobsOwn), 400, "urn:p2pchat:" + ((i < 5) ? "replayed-signature" : "stale-timestamp"),
					(i < 5) ? "signature" : "timestamp");
		}
	}

	@Test
	void registerWhenUrlIsLinkLocalUnspecifiedOrHasUserInfoIsRefused() {
		for (String url : new String[] { "http://169.254.169.254/latest", "http://[fe80::1]:8081",
				"http://0.0.0.0:8081", "http://[::]:8081", "http://bob:secret@localhost:8082", "http://0xa9fea9fe/" }) {
			HttpResponse<String> response = post(this.mallory.registration("mallory", url, this.http.now()));

			assertRefused(response, 400, "urn:p2pchat:invalid-field", "url");
		}
	}

	@Test
	void registerWithBobsPeerIdAndUrlButAnotherKeyIsRefused() {
		// the attack of the issue: bob's public peerId and url, the attacker's own key
		Map<String, String> body = this.mallory.registration("bob", BOB_URL, this.http.now());
		Map<String, String> asBob = with(body, "peerId", this.bob.peerId());
		asBob = with(asBob, "signature",
				this.mallory.sign(TestIdentity.message(this.bob.peerId(), "bob", BOB_URL, body.get("timestamp"))));
		assertRefused(post(asBob), 400, "urn:p2pchat:wrong-peer-id", "peerId");

		// bob's public key too, but a signature the attacker can make
		Map<String, String> withBobsKey = with(asBob, "publicKey", this.bob.publicKey());
		assertRefused(post(withBobsKey), 400, "urn:p2pchat:bad-signature", "signature");
	}

	@Test
	void registerWhenUsernameBelongsToAnotherLivePeerIsConflict() {
		assertRefused(post(this.mallory.registration("BOB", "http://localhost:9999", this.http.now())), 409,
				"urn:p2pchat:name-taken", "username");
	}

	@Test
	void registerWhenHolderOfBobsKeyRegistersAgainReplacesTheRecord() {
		this.clock.advance(Duration.ofSeconds(2));

		HttpResponse<String> again = post(this.bob.registration("bob", "http://localhost:8092", this.http.now()));

		assertThat(again.statusCode()).as(again.body()).isEqualTo(201);
		assertThat(this.registry.find(this.bob.peerId()).orElseThrow().url()).isEqualTo("http://localhost:8092");
		assertThat(renewStatus(this.bobToken)).isEqualTo(403);
	}

	private Peer renewBob() {
		assertThat(renewStatus(this.bobToken)).isEqualTo(200);
		return this.registry.find(this.bob.peerId()).orElseThrow();
	}

	private int renewStatus(String token) {
		return this.http
			.send("PUT", "/peers/" + this.bob.peerId() + "/lease", null,
					java.net.http.HttpRequest.BodyPublishers.noBody(), "Authorization", "Bearer " + token)
			.statusCode();
	}

	private HttpResponse<String> post(Map<String, String> body) {
		return this.http.postJson("/peers", TrackerTestSupport.JSON.writeValueAsString(body));
	}

	private void assertRefused(HttpResponse<String> response, int status, String type, String field) {
		long version = this.registry.list().version();
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((value) -> assertThat(value).startsWith("application/problem+json"));
		JsonNode problem = TrackerTestSupport.json(response.body());
		assertThat(problem.get("type").asString()).isEqualTo(type);
		assertThat(problem.get("field").asString()).isEqualTo(field);
		assertThat(problem.get("detail").asString()).isNotBlank();
		assertThat(response.body()).doesNotContain("leaseToken");
		// nothing changed: same version, bob's record as it was, mallory absent, bob's
		// token good
		assertThat(this.registry.list().version()).isEqualTo(version);
		assertThat(this.registry.list().peers()).containsExactly(this.bobRecord);
		assertThat(this.registry.find(this.mallory.peerId())).isEmpty();
		assertThat(this.registry.holdsLiveLease(this.bobToken)).isTrue();
	}

	private static Map<String, String> with(Map<String, String> body, String field, String value) {
		Map<String, String> changed = new HashMap<>(body);
		changed.put(field, value);
		return changed;
	}

}
