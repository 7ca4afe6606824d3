package dev.p2pchat.peer.it;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property-based fuzzing (jqwik) of {@code POST /messages} and {@code PUT /me} on a real
 * peer with random JSON and random bytes: never a 5xx, and never a stored message that
 * was not valid.
 */
class ApiFuzzIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private static final int MAX_TEXT = 4096;

	private static TrackerProcess tracker;

	private static TestPeer alice;

	@BeforeContainer
	static void start() {
		tracker = TrackerProcess.start();
		alice = TestPeer.start("alice", tracker.url());
	}

	@AfterContainer
	static void stop() {
		if (alice != null) {
			alice.close();
		}
		if (tracker != null) {
			tracker.close();
		}
	}

	@Property(tries = 150)
	void sendWhenBodyIsRandomJsonNeverFailsAndStoresOnlyValidMessages(@ForAll("randomJson") String body)
			throws Exception {
		HttpResponse<String> answer = call("POST", "/messages", "application/json", body.getBytes());

		assertThat(answer.statusCode()).as(body).isLessThan(500);
		if (answer.statusCode() == 202) {
			JsonNode sent = JSON.readTree(body);
			String text = sent.path("text").asString();
			assertThat(sent.path("text").isString()).as(body).isTrue();
			assertThat(text).as(body).isNotBlank().hasSizeLessThanOrEqualTo(MAX_TEXT);
			assertThat(JSON.readTree(answer.body()).path("text").asString()).isEqualTo(text);
		}
		assertEveryStoredMessageValid();
	}

	@Property(tries = 100)
	void sendWhenBodyIsRandomBytesNeverFails(@ForAll("randomBytes") byte[] body) throws Exception {
		HttpResponse<String> answer = call("POST", "/messages", "application/json", body);

		assertThat(answer.statusCode()).isLessThan(500).isNotEqualTo(202);
	}

	@Property(tries = 100)
	void renameWhenBodyIsRandomJsonOrBytesNeverFailsAndKeepsAValidName(@ForAll("renameBodies") byte[] body)
			throws Exception {
		HttpResponse<String> answer = call("PUT", "/me", "application/json", body);

		assertThat(answer.statusCode()).isLessThan(500);
		String username = JSON.readTree(alice.get("/me").getBody()).path("username").asString();
		assertThat(username).matches("[A-Za-z0-9_.-]{1,32}");
		if (!"alice".equals(username)) {
			alice.http()
				.put()
				.uri("/me")
				.header("Content-Type", "application/json")
				.body("{\"username\":\"alice\"}")
				.retrieve()
				.toBodilessEntity();
		}
	}

	@Provide
	Arbitrary<String> randomJson() {
		Arbitrary<Object> leaf = Arbitraries.oneOf(text(), Arbitraries.integers().map(Object.class::cast),
				Arbitraries.doubles().map(Object.class::cast), Arbitraries.of(true, false).map(Object.class::cast),
				Arbitraries.just(null), Arbitraries.just("alice"), Arbitraries.just("nobody"));
		Arbitrary<Object> value = Arbitraries.oneOf(leaf, leaf.list().ofMaxSize(3).map(Object.class::cast));
		Arbitrary<String> key = Arbitraries.oneOf(Arbitraries.of("text", "to", "id", "from", "sentAt"),
				Arbitraries.strings().ofMaxLength(8));
		return Arbitraries.maps(key, value).ofMaxSize(4).map((map) -> {
			Map<String, Object> ordered = new LinkedHashMap<>(map);
			return JSON.writeValueAsString(ordered);
		});
	}

	@Provide
	Arbitrary<byte[]> randomBytes() {
		return Arbitraries.bytes().array(byte[].class).ofMaxSize(3000);
	}

	@Provide
	Arbitrary<byte[]> renameBodies() {
		Arbitrary<byte[]> json = Arbitraries.oneOf(text(), Arbitraries.strings().withChars("AZaz09_.-").ofMaxLength(40))
			.map((name) -> JSON.writeValueAsBytes(Map.of("username", name)));
		return Arbitraries.oneOf(json, randomBytes(), randomJson().map(String::getBytes));
	}

	private static Arbitrary<Object> text() {
		return Arbitraries
			.oneOf(Arbitraries.strings().all().ofMaxLength(60), Arbitraries.strings().ofLength(MAX_TEXT),
					Arbitraries.strings().ofLength(MAX_TEXT + 1), Arbitraries.of("", " ", "\u0000", "\t\n"))
			.map(Object.class::cast);
	}

	private static void assertEveryStoredMessageValid() {
		List<JsonNode> stored = JSON.readTree(alice.get("/messages?limit=1000").getBody()).valueStream().toList();
		for (JsonNode message : stored) {
			assertThat(message.path("text").asString()).isNotBlank().hasSizeLessThanOrEqualTo(MAX_TEXT);
			assertThat(message.path("id").asString()).isNotBlank();
		}
	}

	private static HttpResponse<String> call(String method, String path, String contentType, byte[] body)
			throws Exception {
		return HTTP.send(HttpRequest.newBuilder(alice.url().resolve(path))
			.timeout(Duration.ofSeconds(10))
			.header("Authorization", "Bearer " + alice.token())
			.header("Content-Type", contentType)
			.method(method, BodyPublishers.ofByteArray(body))
			.build(), BodyHandlers.ofString());
	}

}
