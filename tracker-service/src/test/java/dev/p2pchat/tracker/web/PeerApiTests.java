package dev.p2pchat.tracker.web;

import dev.p2pchat.tracker.ServerTestBase;
import java.time.Duration;
import java.util.Map;

import dev.p2pchat.tracker.TestIdentity;
import dev.p2pchat.tracker.TrackerTestSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import static dev.p2pchat.tracker.TestIdentity.id;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every row of SPEC's tracker table with its status codes, over real HTTP.
 */
class PeerApiTests extends ServerTestBase {

	@Autowired
	private RestTestClient client;

	@Test
	void registerWhenValidReturnsCreatedWithRecordLeaseAndToken() {
		JsonNode body = json(this.client.post()
			.uri("/peers")
			.contentType(MediaType.APPLICATION_JSON)
			.body(TestIdentity.named("api-1").registration("alice", "http://localhost:8081", this.clock.instant()))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectHeader()
			.valueMatches(HttpHeaders.LOCATION, "http://[^/]+/peers/" + id("api-1"))
			.expectHeader()
			.contentType(MediaType.APPLICATION_JSON)
			.returnResult(String.class)
			.getResponseBody());

		assertThat(body.get("peerId").asString()).isEqualTo(id("api-1"));
		assertThat(body.get("publicKey").asString()).isEqualTo(TestIdentity.named("api-1").publicKey());
		assertThat(body.get("username").asString()).isEqualTo("alice");
		assertThat(body.get("url").asString()).isEqualTo("http://localhost:8081");
		assertThat(body.get("registeredAt").asString()).isEqualTo(this.clock.instant().toString());
		assertThat(body.get("renewedAt").asString()).isEqualTo(body.get("registeredAt").asString());
		assertThat(body.get("leaseSeconds").asLong()).isEqualTo(15);
		assertThat(body.get("leaseToken").asString()).matches("[A-Za-z0-9_-]{43}");
	}

	@Test
	void registerWithKeyAndProofRecordsAndListsPublicKey() {
		TestIdentity identity = TestIdentity.generate();

		JsonNode body = json(this.client.post()
			.uri("/peers")
			.contentType(MediaType.APPLICATION_JSON)
			.body(identity.registration("keyed", "http://localhost:8089", this.clock.instant()))
			.exchange()
			.expectStatus()
			.isCreated()
			.returnResult(String.class)
			.getResponseBody());

		assertThat(body.get("publicKey").asString()).isEqualTo(identity.publicKey());
		JsonNode one = json(this.client.get()
			.uri("/peers/{id}", identity.peerId())
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(String.class)
			.getResponseBody());
		assertThat(one.get("publicKey").asString()).isEqualTo(identity.publicKey());
		JsonNode list = json(this.client.get().uri("/peers").exchange().returnResult(String.class).getResponseBody());
		assertThat(list.get(0).get("publicKey").asString()).isEqualTo(identity.publicKey());
	}

	@Test
	void registerWhenNotReachableListsItSoAndWithoutTheFieldAsReachable() {
		TestIdentity natted = TestIdentity.generate();
		var body = new java.util.HashMap<String, Object>(
				natted.registration("natted", "http://localhost:8091", this.clock.instant()));
		body.put("reachable", false);
		TestIdentity plain = TestIdentity.generate();

		this.client.post()
			.uri("/peers")
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.exchange()
			.expectStatus()
			.isCreated();
		this.client.post()
			.uri("/peers")
			.contentType(MediaType.APPLICATION_JSON)
			.body(plain.registration("plain", "http://localhost:8092", this.clock.instant()))
			.exchange()
			.expectStatus()
			.isCreated();

		JsonNode list = json(this.client.get().uri("/peers").exchange().returnResult(String.class).getResponseBody());
		assertThat(list.valueStream().map((peer) -> peer.get("username").asString() + "=" + peer.get("reachable")))
			.containsExactlyInAnyOrder("natted=false", "plain=true");
	}

	@Test
	void registerWhenNameTakenInAnyCaseReturnsConflict() {
		register("api-1", "alice");

		problem(this.client.post()
			.uri("/peers")
			.contentType(MediaType.APPLICATION_JSON)
			.body(TestIdentity.named("api-2").registration("ALICE", "http://localhost:8082", this.clock.instant()))
			.exchange()
			.expectStatus()
			.isEqualTo(409), "urn:p2pchat:name-taken", "username");
	}

	@Test
	void registerWhenLivePeerIdHasSameUrlReplacesRecordWithNewToken() {
		String oldToken = register("api-1", "alice");
		this.clock.advance(Duration.ofSeconds(2));

		String newToken = register("api-1", "alicia");

		assertThat(newToken).isNotEqualTo(oldToken);
		renew("api-1", oldToken).expectStatus().isForbidden();
		renew("api-1", newToken).expectStatus().isOk();
		JsonNode peer = json(this.client.get()
			.uri("/peers/{id}", id("api-1"))
			.exchange()
			.returnResult(String.class)
			.getResponseBody());
		assertThat(peer.get("username").asString()).isEqualTo("alicia");
		assertThat(peer.get("registeredAt").asString()).isEqualTo(this.clock.instant().toString());
	}

	@Test
	void registerWhenHolderOfTheKeyMovedToOtherUrlReplacesRecord() {
		String oldToken = register("api-1", "alice");
		this.clock.advance(Duration.ofSeconds(1));

		this.client.post()
			.uri("/peers")
			.contentType(MediaType.APPLICATION_JSON)
			.body(TestIdentity.named("api-1").registration("alice", "http://elsewhere:9999", this.clock.instant()))
			.exchange()
			.expectStatus()
			.isCreated();

		renew("api-1", oldToken).expectStatus().isForbidden();
		this.client.get()
			.uri("/peers/{id}", id("api-1"))
			.exchange()
			.expectBody()
			.jsonPath("$.url")
			.isEqualTo("http://elsewhere:9999");
	}

	@Test
	void listReturnsLivePeersSortedByUsernameWithoutTokens() {
		register("api-1", "carol");
		register("api-2", "Bob");
		register("api-3", "alice");

		String body = this.client.get()
			.uri("/peers")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentType(MediaType.APPLICATION_JSON)
			.expectHeader()
			.exists(HttpHeaders.ETAG)
			.returnResult(String.class)
			.getResponseBody();

		JsonNode list = json(body);
		assertThat(list.valueStream().map((peer) -> peer.get("username").asString())).containsExactly("alice", "Bob",
				"carol");
		assertThat(list.get(0).propertyNames()).containsExactlyInAnyOrder("peerId", "username", "url", "publicKey",
				"registeredAt", "renewedAt", "reachable");
		assertThat(body).doesNotContain("leaseToken");
	}

	@Test
	void listWhenIfNoneMatchCurrentReturnsNotModified() {
		register("api-1", "alice");
		String etag = etag();

		this.client.get()
			.uri("/peers")
			.header(HttpHeaders.IF_NONE_MATCH, etag)
			.exchange()
			.expectStatus()
			.isNotModified()
			.expectHeader()
			.valueEquals(HttpHeaders.ETAG, etag)
			.expectBody()
			.isEmpty();
		this.client.get()
			.uri("/peers")
			.header(HttpHeaders.IF_NONE_MATCH, "\"something-else\"")
			.exchange()
			.expectStatus()
			.isOk();
	}

	@Test
	void etagChangesOnEveryListChangeAndOnlyThen() {
		String empty = etag();
		assertThat(etag()).isEqualTo(empty);

		String token = register("api-1", "alice");
		String registered = etag();
		this.clock.advance(Duration.ofSeconds(1));
		renew("api-1", token).expectStatus().isOk();
		String renewed = etag();
		rename("api-1", token, "alicia").expectStatus().isOk();
		String renamed = etag();
		this.client.get().uri("/peers/{id}", id("api-1")).exchange().expectStatus().isOk();
		assertThat(etag()).isEqualTo(renamed);
		delete("api-1", token).expectStatus().isNoContent();
		String deleted = etag();

		assertThat(new String[] { empty, registered, renewed, renamed }).doesNotHaveDuplicates();
		assertThat(deleted).isEqualTo(empty);
	}

	@Test
	void getOneWhenLiveReturnsRecord() {
		register("api-1", "alice");

		JsonNode peer = json(this.client.get()
			.uri("/peers/{id}", id("api-1"))
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(String.class)
			.getResponseBody());

		assertThat(peer.get("username").asString()).isEqualTo("alice");
		assertThat(peer.has("leaseToken")).isFalse();
	}

	@Test
	void getOneWhenUnknownReturnsNotFound() {
		problem(this.client.get().uri("/peers/{id}", id("nobody")).exchange().expectStatus().isNotFound(),
				"urn:p2pchat:peer-not-found", "peerId");
	}

	@Test
	void renewWithTokenReturnsRecordAndLease() {
		String token = register("api-1", "alice");
		this.clock.advance(Duration.ofSeconds(5));

		JsonNode body = json(renew("api-1", token).expectStatus().isOk().returnResult(String.class).getResponseBody());

		assertThat(body.get("renewedAt").asString()).isEqualTo(this.clock.instant().toString());
		assertThat(body.get("leaseSeconds").asLong()).isEqualTo(15);
		assertThat(body.has("leaseToken")).isFalse();
	}

	@Test
	void renewWithoutTokenReturnsUnauthorized() {
		register("api-1", "alice");

		problem(this.client.put()
			.uri("/peers/{id}/lease", id("api-1"))
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer"), "urn:p2pchat:unauthorized", "Authorization");
		problem(this.client.put()
			.uri("/peers/{id}/lease", id("api-1"))
			.header(HttpHeaders.AUTHORIZATION, "Basic YWxpY2U6eA==")
			.exchange()
			.expectStatus()
			.isUnauthorized(), "urn:p2pchat:unauthorized", "Authorization");
	}

	@Test
	void renewWithWrongTokenReturnsForbidden() {
		register("api-1", "alice");
		String otherToken = register("api-2", "bob");

		problem(renew("api-1", otherToken).expectStatus().isForbidden(), "urn:p2pchat:forbidden", "Authorization");
	}

	@Test
	void renewWhenUnknownReturnsNotFound() {
		problem(renew("nobody", "some-token").expectStatus().isNotFound(), "urn:p2pchat:peer-not-found", "peerId");
	}

	@Test
	void renewWhenLeaseRanOutReturnsNotFoundAndPeerCanRegisterAgain() {
		String token = register("api-1", "alice");
		this.clock.advance(Duration.ofSeconds(15));

		renew("api-1", token).expectStatus().isNotFound();

		register("api-1", "alice");
	}

	@Test
	void renameWithTokenReturnsRenamedRecord() {
		String token = register("api-1", "alice");

		JsonNode body = json(
				rename("api-1", token, "Alicia").expectStatus().isOk().returnResult(String.class).getResponseBody());

		assertThat(body.get("username").asString()).isEqualTo("Alicia");
		assertThat(body.get("peerId").asString()).isEqualTo(id("api-1"));
		assertThat(body.get("publicKey").asString()).isEqualTo(TestIdentity.named("api-1").publicKey());
	}

	@Test
	void renameWhenTakenReturnsConflictAndKeepsName() {
		String token = register("api-1", "alice");
		register("api-2", "bob");

		problem(rename("api-1", token, "BOB").expectStatus().isEqualTo(409), "urn:p2pchat:name-taken", "username");

		this.client.get()
			.uri("/peers/{id}", id("api-1"))
			.exchange()
			.expectBody()
			.jsonPath("$.username")
			.isEqualTo("alice");
	}

	@Test
	void renameWhenBadNameReturnsBadRequest() {
		String token = register("api-1", "alice");

		problem(rename("api-1", token, "no spaces").expectStatus().isBadRequest(), "urn:p2pchat:invalid-field",
				"username");
	}

	@Test
	void renameWithoutOrWithWrongTokenOrUnknownPeerIsRefused() {
		register("api-1", "alice");
		String otherToken = register("api-2", "bob");

		this.client.patch()
			.uri("/peers/{id}", id("api-1"))
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("username", "x"))
			.exchange()
			.expectStatus()
			.isUnauthorized();
		rename("api-1", otherToken, "x").expectStatus().isForbidden();
		rename("nobody", otherToken, "x").expectStatus().isNotFound();
	}

	@Test
	void deleteWithTokenReturnsNoContentAndPeerIsGone() {
		String token = register("api-1", "alice");

		delete("api-1", token).expectStatus().isNoContent().expectBody().isEmpty();

		this.client.get().uri("/peers/{id}", id("api-1")).exchange().expectStatus().isNotFound();
		delete("api-1", token).expectStatus().isNotFound();
	}

	@Test
	void deleteWithoutOrWithWrongTokenIsRefusedAndPeerStays() {
		register("api-1", "alice");
		String otherToken = register("api-2", "bob");

		this.client.delete().uri("/peers/{id}", id("api-1")).exchange().expectStatus().isUnauthorized();
		problem(delete("api-1", otherToken).expectStatus().isForbidden(), "urn:p2pchat:forbidden", "Authorization");
		delete("nobody", otherToken).expectStatus().isNotFound();

		this.client.get().uri("/peers/{id}", id("api-1")).exchange().expectStatus().isOk();
	}

	@Test
	void unknownPathAndWrongMethodAreProblems() {
		this.client.get()
			.uri("/nothing-here")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		this.client.put()
			.uri("/peers")
			.exchange()
			.expectStatus()
			.isEqualTo(405)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:p2pchat:method-not-allowed");
	}

	private String register(String label, String username) {
		return json(this.client.post()
			.uri("/peers")
			.contentType(MediaType.APPLICATION_JSON)
			.body(TestIdentity.named(label).registration(username, "http://localhost:8081/" + label, this.http.now()))
			.exchange()
			.expectStatus()
			.isCreated()
			.returnResult(String.class)
			.getResponseBody()).get("leaseToken").asString();
	}

	private RestTestClient.ResponseSpec renew(String label, String token) {
		return this.client.put().uri("/peers/{id}/lease", id(label)).headers((h) -> h.setBearerAuth(token)).exchange();
	}

	private RestTestClient.ResponseSpec rename(String label, String token, String username) {
		return this.client.patch()
			.uri("/peers/{id}", id(label))
			.headers((h) -> h.setBearerAuth(token))
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("username", username))
			.exchange();
	}

	private RestTestClient.ResponseSpec delete(String label, String token) {
		return this.client.delete().uri("/peers/{id}", id(label)).headers((h) -> h.setBearerAuth(token)).exchange();
	}

	private String etag() {
		return this.client.get().uri("/peers").exchange().returnResult(String.class).getResponseHeaders().getETag();
	}

	private static void problem(RestTestClient.ResponseSpec response, String type, String field) {
		response.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo(type)
			.jsonPath("$.field")
			.isEqualTo(field)
			.jsonPath("$.detail")
			.isNotEmpty();
	}

	private static JsonNode json(String body) {
		return TrackerTestSupport.json(body);
	}

}
