package dev.p2pchat.peer.it;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code POST /messages} over real HTTP, through the lean path that answers a plain valid
 * JSON send without Spring MVC and through MVC. A body sent as
 * {@code application/vnd.p2pchat+json} (JSON to MVC's converter, not to the fast path)
 * always takes the MVC way, as every send did before the fast path: each answer here is
 * compared with that one.
 */
class SendFastPathIT {

	private static final String MVC_ONLY = "application/vnd.p2pchat+json";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static TestChat chat;

	private static TestPeer alice;

	private static TestPeer bob;

	private static TestPeer carol;

	private static HttpClient http;

	@BeforeAll
	static void startChat() {
		chat = TestChat.start("alice", "bob", "carol");
		alice = chat.peer(0);
		bob = chat.peer(1);
		carol = chat.peer(2);
		http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
	}

	@AfterAll
	static void stopChat() {
		if (http != null) {
			http.close();
		}
		if (chat != null) {
			chat.close();
		}
	}

	@Test
	void sendWhenPlainJsonAnswersAsMvcDoesAndReachesEveryOtherPeerOnce() throws Exception {
		String fastText = "fast " + UUID.randomUUID();
		String mvcText = "mvc " + UUID.randomUUID();

		double servedBefore = servedByFastPath();
		var fast = post("application/json", null, BodyPublishers.ofString(text(fastText)));
		double servedAfterFast = servedByFastPath();
		var mvc = post(MVC_ONLY, null, BodyPublishers.ofString(text(mvcText)));

		// the registered filter answered the plain send, and only that one
		assertThat(servedAfterFast).isEqualTo(servedBefore + 1);
		assertThat(servedByFastPath()).isEqualTo(servedAfterFast);
		assertThat(fast.statusCode()).isEqualTo(202);
		assertThat(headerNames(fast)).isEqualTo(headerNames(mvc)).contains("content-length");
		assertThat(fast.headers().firstValue("Content-Type")).isEqualTo(mvc.headers().firstValue("Content-Type"))
			.hasValue("application/json");
		JsonNode fastBody = JSON.readTree(fast.body());
		JsonNode mvcBody = JSON.readTree(mvc.body());
		assertThat(fastBody.propertyNames()).containsExactlyElementsOf(mvcBody.propertyNames())
			.containsExactly("id", "from", "fromId", "to", "text", "sentAt");
		assertThat(fastBody.get("from").asString()).isEqualTo("alice");
		assertThat(fastBody.get("to").isNull()).isTrue();
		assertThat(fastBody.get("text").asString()).isEqualTo(fastText);
		assertThat(fastBody.get("sentAt").asString()).matches("\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z");
		assertArrivesOnce(bob, fastText);
		assertArrivesOnce(carol, fastText);
		assertArrivesOnce(bob, mvcText);
		String id = fastBody.get("id").asString();
		assertThat(alice.get("/messages/" + id).getBody()).contains("\"username\":\"bob\"", "\"username\":\"carol\"");
	}

	@Test
	void sendWhenPrivateReachesOnlyItsRecipient() throws Exception {
		String text = "psst " + UUID.randomUUID();

		var response = post("application/json", "application/json",
				BodyPublishers.ofString("{\"to\":\"Bob\",\"text\":\"" + text + "\"}"));

		assertThat(response.statusCode()).isEqualTo(202);
		assertThat(JSON.readTree(response.body()).get("to").asString()).isEqualTo("bob");
		assertArrivesOnce(bob, text);
		await().during(Duration.ofMillis(300))
			.atMost(Duration.ofSeconds(2))
			.untilAsserted(() -> assertThat(carol.receivedTexts()).doesNotContain(text));
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"text\":\"\"}", "{\"text\":\"  \"}", "{}", "{\"to\":null}", "{\"text\":",
			"{\"text\":\"hi\",\"color\":\"red\"}", "{\"text\":[\"hi\"]}", "[\"hi\"]", "null", "",
			"{\"text\":\"hi\"} {}", "{\"to\":\"nobody\",\"text\":\"hi\"}", "{\"to\":\"ALICE\",\"text\":\"hi\"}" })
	void sendWhenRejectedAnswersTheProblemMvcAnswers(String body) throws Exception {
		double servedBefore = servedByFastPath();
		var fast = post("application/json", null, BodyPublishers.ofString(body));
		assertThat(servedByFastPath()).as("left to MVC").isEqualTo(servedBefore);
		var mvc = post(MVC_ONLY, null, BodyPublishers.ofString(body));

		assertThat(fast.statusCode()).isBetween(400, 404).isEqualTo(mvc.statusCode());
		assertThat(fast.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(fast.body()).contains("urn:p2pchat:").isEqualTo(mvc.body());
	}

	@Test
	void sendWhenTextTooLongAnswersContentTooLargeAndKeepsNothing() throws Exception {
		String text = "y".repeat(4097);
		String hugeText = "z".repeat(40_000);

		var fast = post("application/json", null, BodyPublishers.ofString(text(text)));
		var mvc = post(MVC_ONLY, null, BodyPublishers.ofString(text(text)));
		var huge = post("application/json", null, BodyPublishers.ofString(text(hugeText)));
		var hugeChunked = post("application/json", null, chunked(text(hugeText)));

		assertThat(fast.statusCode()).isEqualTo(413);
		assertThat(fast.body()).contains("\"field\":\"text\"").isEqualTo(mvc.body());
		assertThat(huge.statusCode()).isEqualTo(413);
		assertThat(hugeChunked.body()).isEqualTo(huge.body()).contains("urn:p2pchat:too-large");
		assertThat(alice.get("/messages?limit=1000").getBody()).doesNotContain(text, hugeText);
	}

	@Test
	void sendWhenBodyChunkedOrPaddedPastTheReadAheadStillSendsOnce() throws Exception {
		String small = "chunked " + UUID.randomUUID();
		String padded = "padded " + UUID.randomUUID();

		var smallChunked = post("application/json", null, chunked(text(small)));
		var paddedChunked = post("application/json", null,
				chunked("{\"text\":\"" + padded + "\"" + " ".repeat(40_000) + "}"));

		assertThat(smallChunked.statusCode()).isEqualTo(202);
		assertThat(paddedChunked.statusCode()).isEqualTo(202);
		assertThat(JSON.readTree(paddedChunked.body()).get("text").asString()).isEqualTo(padded);
		assertArrivesOnce(bob, small);
		assertArrivesOnce(bob, padded);
	}

	@Test
	void sendWhenBodyInAnotherCharsetReadsItInThatCharset() throws Exception {
		String text = "caf\u00e9 " + UUID.randomUUID();

		var response = post("application/json;charset=ISO-8859-1", null,
				BodyPublishers.ofByteArray(text(text).getBytes(StandardCharsets.ISO_8859_1)));

		assertThat(response.statusCode()).isEqualTo(202);
		assertThat(JSON.readTree(response.body()).get("text").asString()).isEqualTo(text);
		assertArrivesOnce(bob, text);
	}

	@Test
	void sendWhenNotJsonAnswersUnsupportedMediaType() throws Exception {
		var response = post("text/plain", null, BodyPublishers.ofString(text("hi")));

		assertThat(response.statusCode()).isEqualTo(415);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		// the JSON types MVC accepts; the tests' classpath (springdoc) adds a YAML
		// converter
		// that the peer's jar does not have
		assertThat(response.headers().firstValue("Accept"))
			.hasValueSatisfying((accept) -> assertThat(accept.replace(" application/yaml,", ""))
				.isEqualTo("application/json, application/*+json"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "*/*", "application/*", "text/html, application/json", "application/problem+json",
			"application/json;q=0.5, */*;q=0.1" })
	void sendWhenAcceptGivenAnswersAsMvcDoes(String accept) throws Exception {
		var fast = post("application/json", accept, BodyPublishers.ofString(text("accept " + accept)));
		var mvc = post(MVC_ONLY, accept, BodyPublishers.ofString(text("accept " + accept)));

		assertThat(fast.statusCode()).isEqualTo(202).isEqualTo(mvc.statusCode());
		assertThat(fast.headers().firstValue("Content-Type")).isEqualTo(mvc.headers().firstValue("Content-Type"));
		assertThat(headerNames(fast)).isEqualTo(headerNames(mvc));
		assertThat(JSON.readTree(fast.body()).propertyNames())
			.containsExactlyElementsOf(JSON.readTree(mvc.body()).propertyNames());
	}

	/** Sends answered by the fast path filter itself (never counted by MVC). */
	private static double servedByFastPath() {
		return alice.bean(MeterRegistry.class).get("p2pchat.messages.fast-path").counter().count();
	}

	private static HttpResponse<String> post(String contentType, String accept, BodyPublisher body)
			throws IOException, InterruptedException {
		var request = HttpRequest.newBuilder(alice.url().resolve("/messages"))
			.header("Authorization", "Bearer " + alice.token())
			.header("Content-Type", contentType)
			.POST(body);
		if (accept != null) {
			request.header("Accept", accept);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** Without a length, so sent with chunked transfer encoding. */
	private static BodyPublisher chunked(String body) {
		return BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
	}

	private static String text(String text) {
		return "{\"text\":\"" + text + "\"}";
	}

	private static Set<String> headerNames(HttpResponse<?> response) {
		Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
		names.addAll(response.headers().map().keySet());
		names.remove("date");
		return names;
	}

	private static void assertArrivesOnce(TestPeer receiver, String text) {
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(receiver.receivedTexts()).contains(text));
		await().during(Duration.ofMillis(300))
			.atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(receiver.receivedTexts()).containsOnlyOnce(text));
	}

}
