package dev.p2pchat.peer.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public health probes with a credential that is not the owner's token (empty, stale,
 * another scheme): answered as without one, never 401, so that a monitoring probe with a
 * stale token is not shut out of a public endpoint (issue 22).
 */
class HealthProbeIT {

	private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private static final List<String> PROBES = List.of("/actuator/health", "/actuator/health/liveness",
			"/actuator/health/readiness");

	private static TestChat chat;

	private static TestPeer alice;

	@BeforeAll
	static void startChat() {
		chat = TestChat.start("alice");
		alice = chat.peer(0);
	}

	@AfterAll
	static void stopChat() {
		if (chat != null) {
			chat.close();
		}
	}

	@Test
	void healthWhenAskedWithABadCredentialAnswersAsWithoutOne() throws Exception {
		for (String path : PROBES) {
			for (String authorization : List.of("", "Bearer", "Bearer ", "Bearer stale-token", "Basic YTpi")) {
				HttpResponse<String> health = get(path, authorization);

				assertThat(health.statusCode()).as("%s with '%s'", path, authorization).isEqualTo(200);
				assertThat(health.body()).as("%s with '%s'", path, authorization)
					.contains("\"status\":\"UP\"")
					.doesNotContain("components", "details");
			}
		}
	}

	@Test
	void healthWhenAskedWithTheOwnersTokenStillShowsDetails() throws Exception {
		HttpResponse<String> health = get("/actuator/health", "Bearer " + alice.token());

		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(health.body()).contains("components");
	}

	@Test
	void ownerEndpointWhenAskedWithABadCredentialIsStillRefused() throws Exception {
		for (String authorization : List.of("", "Bearer stale-token")) {
			assertThat(get("/me", authorization).statusCode()).as("'%s'", authorization).isEqualTo(401);
			assertThat(get("/actuator/health/../../me", authorization).statusCode()).isIn(400, 401);
		}
	}

	private static HttpResponse<String> get(String path, String authorization) throws Exception {
		var request = HttpRequest.newBuilder(URI.create(alice.url() + path))
			.timeout(Duration.ofSeconds(10))
			.header("Authorization", authorization)
			.GET()
			.build();
		return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
	}

}
