package dev.p2pchat.tracker.web;

import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Duration;

import dev.p2pchat.tracker.MutableClock;
import dev.p2pchat.tracker.TestIdentity;
import dev.p2pchat.tracker.TrackerTestSupport;
import dev.p2pchat.tracker.TrackerTestSupport.Http;
import dev.p2pchat.tracker.registry.PeerRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A closed group: {@code p2pchat.tracker.join-token} set.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "p2pchat.tracker.join-token=" + JoinTokenTests.JOIN,
				"p2pchat.tracker.rate-limit.registrations=1000000", "p2pchat.tracker.sybil.per-address=1000000",
				"p2pchat.tracker.sybil.per-prefix=1000000" })
@Import(TrackerTestSupport.class)
class JoinTokenTests {

	static final String JOIN = "join-secret-0123456789";

	@LocalServerPort
	private int port;

	@Autowired
	private MutableClock clock;

	@Autowired
	private PeerRegistry registry;

	private Http http;

	@BeforeEach
	void emptyRegistry() {
		TrackerTestSupport.clear(this.clock, this.registry);
		this.http = Http.onPort(this.port, this.clock);
	}

	@Test
	void registerNeedsTheJoinToken() {
		long version = this.registry.list().version();

		HttpResponse<String> without = this.http.register("closed-a", "anna", "http://localhost:9001");
		HttpResponse<String> wrong = this.http.register("closed-a", "anna", "http://localhost:9001", "Authorization",
				"Bearer " + JOIN + "x");
		HttpResponse<String> lease = this.http.register("closed-a", "anna", "http://localhost:9001", "Authorization",
				"Bearer " + memberToken("closed-b", "bert"));

		assertRefused(without, 401, "urn:p2pchat:unauthorized");
		assertThat(without.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
		assertRefused(wrong, 403, "urn:p2pchat:forbidden");
		assertRefused(lease, 403, "urn:p2pchat:forbidden");
		assertThat(this.registry.find(TestIdentity.id("closed-a"))).isEmpty();
		assertThat(this.registry.list().version()).isEqualTo(version + 1);
		assertThat(this.http.register("closed-a", "anna", "http://localhost:9001", "Authorization", "Bearer " + JOIN)
			.statusCode()).isEqualTo(201);
	}

	@Test
	void readingTheDirectoryNeedsTheJoinTokenOrALiveLeaseToken() {
		String token = memberToken("closed-a", "anna");
		String one = "/peers/" + TestIdentity.id("closed-a");

		for (String path : new String[] { "/peers", one, "/peers/events?probe" }) {
			if (!path.startsWith("/peers/events")) {
				assertThat(get(path, "Bearer " + JOIN).statusCode()).isEqualTo(200);
				assertThat(get(path, "Bearer " + token).statusCode()).isEqualTo(200);
			}
			assertRefused(get(path, null), 401, "urn:p2pchat:unauthorized");
			assertRefused(get(path, "Bearer not-a-token"), 403, "urn:p2pchat:forbidden");
		}
	}

	@Test
	void aLeaseTokenStopsOpeningTheDirectoryWhenItsPeerLeaves() {
		String token = memberToken("closed-a", "anna");
		String etag = get("/peers", "Bearer " + token).headers().firstValue("ETag").orElseThrow();

		assertThat(this.http
			.send("DELETE", "/peers/" + TestIdentity.id("closed-a"), null, BodyPublishers.noBody(), "Authorization",
					"Bearer " + token)
			.statusCode()).isEqualTo(204);

		assertRefused(get("/peers", "Bearer " + token), 403, "urn:p2pchat:forbidden");
		// nor does a revalidation answer a stranger with a 304
		assertRefused(this.http.send("GET", "/peers", null, BodyPublishers.noBody(), "If-None-Match", etag), 401,
				"urn:p2pchat:unauthorized");
	}

	@Test
	void renewRenameAndDeleteStillNeedOnlyTheLeaseToken() {
		String token = memberToken("closed-a", "anna");
		String path = "/peers/" + TestIdentity.id("closed-a");
		this.clock.advance(Duration.ofSeconds(1));

		assertThat(this.http
			.send("PUT", path + "/lease", null, BodyPublishers.noBody(), "Authorization", "Bearer " + token)
			.statusCode()).isEqualTo(200);
		assertThat(this.http.patchJson(path, "{\"username\":\"anne\"}", "Authorization", "Bearer " + JOIN).statusCode())
			.isEqualTo(403);
		assertThat(
				this.http.patchJson(path, "{\"username\":\"anne\"}", "Authorization", "Bearer " + token).statusCode())
			.isEqualTo(200);
		assertThat(this.http.send("DELETE", path, null, BodyPublishers.noBody()).statusCode()).isEqualTo(401);
	}

	@Test
	void eventStreamOpensWithALeaseToken() throws Exception {
		String token = memberToken("closed-a", "anna");
		java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
		java.net.http.HttpRequest request = java.net.http.HttpRequest
			.newBuilder(java.net.URI.create("http://127.0.0.1:" + this.port + "/peers/events"))
			.header("Accept", "text/event-stream")
			.header("Authorization", "Bearer " + token)
			.build();

		HttpResponse<java.util.stream.Stream<String>> response = client
			.sendAsync(request, java.net.http.HttpResponse.BodyHandlers.ofLines())
			.get(10, java.util.concurrent.TimeUnit.SECONDS);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body().filter((line) -> line.startsWith("event:")).findFirst()).hasValue("event:snapshot");
		response.body().close();
	}

	private String memberToken(String label, String username) {
		return this.http.token(label, username, "http://localhost:9001", "Authorization", "Bearer " + JOIN);
	}

	private HttpResponse<String> get(String path, String authorization) {
		return (authorization != null)
				? this.http.send("GET", path, null, BodyPublishers.noBody(), "Authorization", authorization)
				: this.http.send("GET", path, null, BodyPublishers.noBody());
	}

	private static void assertRefused(HttpResponse<String> response, int status, String type) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((value) -> assertThat(value).startsWith("application/problem+json"));
		assertThat(TrackerTestSupport.json(response.body()).get("type").asString()).isEqualTo(type);
		assertThat(TrackerTestSupport.json(response.body()).get("field").asString()).isEqualTo("Authorization");
	}

}
