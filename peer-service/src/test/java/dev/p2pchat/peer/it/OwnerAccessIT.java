package dev.p2pchat.peer.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The owner's access over real HTTP: every owner endpoint with no token, a wrong token,
 * the right token and the page's session; the public health; the page's sign-in; the
 * headers; a foreign {@code Host}.
 */
class OwnerAccessIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	private static TestChat chat;

	private static TestPeer alice;

	private static String cookie;

	private static String csrfHeader;

	private static String csrfToken;

	@BeforeAll
	static void startChat() throws Exception {
		chat = TestChat.start("alice", "bob");
		alice = chat.peer(0);
		HttpResponse<String> signIn = send(request("/?token=" + alice.token()).GET());
		cookie = signIn.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
		JsonNode session = JSON.readTree(send(request("/session").header("Cookie", cookie).GET()).body());
		csrfHeader = session.path("csrfHeader").asString();
		csrfToken = session.path("csrfToken").asString();
	}

	@AfterAll
	static void stopChat() {
		if (chat != null) {
			chat.close();
		}
	}

	static Stream<Arguments> ownerEndpoints() {
		return Stream.of(Arguments.of("GET", "/messages", null), Arguments.of("GET", "/messages?limit=5", null),
				Arguments.of("POST", "/messages", "{\"text\":\"table\"}"), Arguments.of("GET", "/peers", null),
				Arguments.of("GET", "/me", null), Arguments.of("PUT", "/me", "{\"username\":\"alice\"}"),
				Arguments.of("GET", "/session", null), Arguments.of("GET", "/actuator/info", null),
				Arguments.of("GET", "/actuator/metrics", null), Arguments.of("GET", "/actuator/prometheus", null),
				Arguments.of("GET", "/", null), Arguments.of("GET", "/index.html", null),
				Arguments.of("GET", "/app.js", null));
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("ownerEndpoints")
	void ownerEndpointWhenCalledAnswersTheOwnerOnly(String method, String path, @Nullable String body)
			throws Exception {
		HttpResponse<String> none = send(call(method, path, body));
		HttpResponse<String> wrong = send(call(method, path, body).header("Authorization", "Bearer wrong-token"));
		HttpResponse<String> otherScheme = send(
				call(method, path, body).header("Authorization", "Basic " + alice.token()));
		HttpResponse<String> right = send(call(method, path, body).header("Authorization", "Bearer " + alice.token()));
		HttpResponse<String> session = send(
				call(method, path, body).header("Cookie", cookie).header(csrfHeader, csrfToken));

		for (HttpResponse<String> refused : List.of(none, wrong, otherScheme)) {
			assertThat(refused.statusCode()).as(refused.toString()).isEqualTo(401);
			assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(JSON.readTree(refused.body()).path("type").asString()).isEqualTo("urn:p2pchat:unauthorized");
			assertThat(refused.body()).doesNotContain("table", "\"username\"", "\"text\"");
		}
		assertThat(right.statusCode()).as(right.body()).isBetween(200, 299);
		assertThat(session.statusCode()).as(session.body()).isBetween(200, 299);
	}

	@Test
	void oneMessageWhenAskedAnswersTheOwnerOnly() throws Exception {
		String id = JSON.readTree(alice.post("/messages", "{\"text\":\"one\"}").getBody()).path("id").asString();

		assertThat(send(request("/messages/" + id).GET()).statusCode()).isEqualTo(401);
		assertThat(send(request("/messages/" + id).header("Authorization", "Bearer nope").GET()).statusCode())
			.isEqualTo(401);
		assertThat(send(request("/messages/" + id).header("Authorization", "Bearer " + alice.token()).GET()).body())
			.contains("\"one\"");
		assertThat(send(request("/messages/" + id).header("Cookie", cookie).GET()).statusCode()).isEqualTo(200);
	}

	@Test
	void streamWhenSubscribedAnswersTheOwnerOnly() throws Exception {
		assertThat(send(request("/messages/stream").header("Accept", "text/event-stream").GET()).statusCode())
			.isEqualTo(401);
		assertThat(send(request("/messages/stream").header("Authorization", "Bearer wrong")
			.header("Accept", "text/event-stream")
			.GET()).statusCode()).isEqualTo(401);
		for (String[] credential : List.of(new String[] { "Authorization", "Bearer " + alice.token() },
				new String[] { "Cookie", cookie })) {
			HttpResponse<java.io.InputStream> open = HTTP
				.send(request("/messages/stream").header(credential[0], credential[1])
					.header("Accept", "text/event-stream")
					.GET()
					.build(), BodyHandlers.ofInputStream());
			try (var in = open.body()) {
				assertThat(open.statusCode()).isEqualTo(200);
				assertThat(open.headers().firstValue("Content-Type"))
					.hasValueSatisfying((type) -> assertThat(type).startsWith("text/event-stream"));
			}
		}
	}

	@Test
	void sessionChangeWhenCsrfTokenMissingIsRefused() throws Exception {
		HttpResponse<String> forged = send(request("/messages").header("Cookie", cookie)
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString("{\"text\":\"forged\"}")));

		assertThat(forged.statusCode()).isEqualTo(403);
		assertThat(forged.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(alice.get("/messages?limit=50").getBody()).doesNotContain("forged");
	}

	@Test
	void healthWhenAskedWithoutTokenIsPublicWithoutDetails() throws Exception {
		for (String path : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")) {
			HttpResponse<String> health = send(request(path).GET());

			assertThat(health.statusCode()).as(path).isEqualTo(200);
			assertThat(JSON.readTree(health.body()).path("status").asString()).isEqualTo("UP");
			assertThat(health.body()).as(path).doesNotContain("components", "details", "diskSpace", "path");
		}
		assertThat(send(request("/actuator/health").header("Authorization", "Bearer " + alice.token()).GET()).body())
			.contains("components");
	}

	@Test
	void pageWhenOpenedWithTokenGetsSessionCookieAndRedirectWithoutToken() throws Exception {
		HttpResponse<String> signIn = send(request("/?token=" + alice.token()).GET());

		assertThat(signIn.statusCode()).isEqualTo(303);
		assertThat(signIn.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(URI.create(location).getPath()).isEqualTo("/"))
			.hasValueSatisfying((location) -> assertThat(location).doesNotContain("token"));
		String setCookie = signIn.headers().firstValue("Set-Cookie").orElseThrow();
		assertThat(setCookie).startsWith("p2pchat-session-")
			.containsIgnoringCase("HttpOnly")
			.containsIgnoringCase("SameSite=Strict")
			.doesNotContain(alice.token());
		// plain http here: the cookie is marked Secure only over https
		assertThat(setCookie).doesNotContainIgnoringCase("Secure;");
		assertThat(setCookie.split(";", 2)[0]).isNotEqualTo(cookie);
	}

	@Test
	void pageWhenOpenedWithWrongTokenGoesBackToTheSignInView() throws Exception {
		HttpResponse<String> signIn = send(request("/?token=not-the-token").GET());

		assertThat(signIn.statusCode()).isEqualTo(303);
		assertThat(signIn.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/?signin=failed"));
		assertThat(signIn.headers().firstValue("Set-Cookie")).isEmpty();
	}

	@Test
	void pageWhenOpenedWithoutSessionShowsTheSignInViewOnly() throws Exception {
		HttpResponse<String> page = send(request("/").header("Accept", "text/html").GET());

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("id=\"signin-form\"").doesNotContain("id=\"messages\"", "app.js");
		assertThat(page.headers().firstValue("Set-Cookie")).isEmpty();
		assertThat(send(request("/signin.js").GET()).statusCode()).isEqualTo(200);
		assertThat(send(request("/app.css").GET()).statusCode()).isEqualTo(200);
	}

	@Test
	void pageWhenSignedInShowsTheChatAndSignOutEndsTheSession() throws Exception {
		HttpResponse<String> signIn = send(request("/?token=" + alice.token()).GET());
		String own = signIn.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
		JsonNode session = JSON.readTree(send(request("/session").header("Cookie", own).GET()).body());

		HttpResponse<String> page = send(request("/").header("Accept", "text/html").header("Cookie", own).GET());
		HttpResponse<String> signOut = send(request("/signout").header("Cookie", own)
			.header(session.path("csrfHeader").asString(), session.path("csrfToken").asString())
			.POST(BodyPublishers.noBody()));

		assertThat(page.body()).contains("id=\"messages\"", "id=\"sign-out\"");
		assertThat(signOut.statusCode()).isEqualTo(204);
		assertThat(send(request("/me").header("Cookie", own).GET()).statusCode()).isEqualTo(401);
	}

	@Test
	void answersWhenAnyCarrySecurityHeadersAndNoCors() throws Exception {
		for (HttpResponse<String> answer : List.of(send(request("/").header("Accept", "text/html").GET()),
				send(request("/me").header("Authorization", "Bearer " + alice.token())
					.header("Origin", "https://evil.example")
					.GET()),
				send(request("/me").GET()), send(request("/actuator/health").GET()))) {
			var headers = answer.headers();
			assertThat(headers.firstValue("Content-Security-Policy")).as(answer.toString())
				.hasValueSatisfying((csp) -> assertThat(csp).contains("frame-ancestors 'none'", "script-src 'self'")
					.doesNotContain("unsafe-inline", "unsafe-eval"));
			assertThat(headers.firstValue("X-Frame-Options")).hasValue("DENY");
			assertThat(headers.firstValue("X-Content-Type-Options")).hasValue("nosniff");
			assertThat(headers.firstValue("Referrer-Policy")).hasValue("no-referrer");
			assertThat(headers.firstValue("Access-Control-Allow-Origin")).isEmpty();
		}
	}

	@Test
	void pageWhenServedHasNoInlineScriptOrStyle() throws Exception {
		for (String path : List.of("/", "/signin.html")) {
			String html = send(request(path).header("Accept", "text/html").header("Cookie", cookie).GET()).body();

			// the page's script is a module (deferred by nature), the sign-in page's a
			// deferred classic script: external either way
			assertThat(html).containsPattern("<script (type=\"module\" src=\"[^\"]+\"|src=\"[^\"]+\" defer)></script>")
				.doesNotContainPattern("<script(?![^>]*src=)")
				.doesNotContain("<style", " style=", "onclick=", "onload=", "javascript:");
		}
	}

	@Test
	void requestWhenHostIsForeignIsRefusedEvenForHealth() {
		int port = alice.url().getPort();
		for (String path : List.of("/actuator/health", "/me")) {
			String rebound = RawHttp.exchange(alice.url(), "GET " + path + " HTTP/1.1\r\nHost: evil.example:" + port
					+ "\r\nAuthorization: Bearer " + alice.token() + "\r\nConnection: close\r\n\r\n");

			assertThat(RawHttp.status(rebound)).as(path).isEqualTo(400);
			assertThat(rebound).contains("Content-Type: application/problem+json")
				.doesNotContain("\"username\"", "\"UP\"");
		}
		String local = RawHttp.exchange(alice.url(),
				"GET /actuator/health HTTP/1.1\r\nHost: localhost:" + port + "\r\nConnection: close\r\n\r\n");
		assertThat(RawHttp.status(local)).isEqualTo(200);
	}

	@Test
	void unknownRecipientWhenNameIsHugeIsQuotedCut() throws Exception {
		String huge = "x".repeat(60_000);

		var answer = alice.post("/messages", "{\"to\":\"" + huge + "\",\"text\":\"hi\"}");

		assertThat(answer.getStatusCode().value()).isEqualTo(404);
		assertThat(answer.getBody()).hasSizeLessThan(600).contains("x".repeat(100)).doesNotContain("x".repeat(101));
	}

	private static HttpRequest.Builder call(String method, String path, @Nullable String body) {
		HttpRequest.Builder request = request(path).header("Accept", "*/*");
		if (body == null) {
			return request.method(method, BodyPublishers.noBody());
		}
		return request.header("Content-Type", "application/json").method(method, BodyPublishers.ofString(body));
	}

	static HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(alice.url().resolve(path)).timeout(Duration.ofSeconds(10));
	}

	static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return HTTP.send(request.build(), BodyHandlers.ofString());
	}

}
