package dev.p2pchat.peer.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.p2pchat.peer.mesh.LinkState;
import dev.p2pchat.peer.messaging.ChatMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three real peers and a real tracker chatting over real links.
 */
class ChatIT {

	private static TestChat chat;

	private static TestPeer alice;

	private static TestPeer bob;

	private static TestPeer carol;

	@BeforeAll
	static void startChat() {
		chat = TestChat.start("alice", "bob", "carol");
		alice = chat.peer(0);
		bob = chat.peer(1);
		carol = chat.peer(2);
	}

	@AfterAll
	static void stopChat() {
		if (chat != null) {
			chat.close();
		}
	}

	@Test
	void broadcastWhenSentReachesEveryOtherPeerOnce() {
		String text = "hello " + UUID.randomUUID();

		var response = alice.post("/messages", "{\"text\":\"" + text + "\"}");

		assertThat(response.getStatusCode().value()).isEqualTo(202);
		assertThat(response.getBody()).contains("\"from\":\"alice\"", "\"fromId\":\"" + alice.id() + "\"",
				"\"to\":null", text, "\"id\"", "\"sentAt\"");
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(bob.receivedTexts()).contains(text));
		await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			assertThat(bob.receivedTexts()).containsOnlyOnce(text);
			assertThat(carol.receivedTexts()).containsOnlyOnce(text);
			assertThat(alice.receivedTexts()).doesNotContain(text);
		});
		String id = bob.received()
			.stream()
			.filter((m) -> m.text().equals(text))
			.findFirst()
			.orElseThrow()
			.id()
			.toString();
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(alice.get("/messages/" + id).getBody()).contains("\"username\":\"bob\"")
				.contains("\"username\":\"carol\"")
				.doesNotContain("pending"));
		assertThat(alice.get("/messages/" + id).getBody()).contains("\"state\":\"delivered\"");
		assertThat(bob.get("/messages/" + id).getBody()).contains("\"fromId\":\"" + alice.id() + "\"");
	}

	@Test
	void privateWhenSentReachesOnlyItsRecipient() {
		String text = "psst " + UUID.randomUUID();

		var response = alice.post("/messages", "{\"to\":\"Bob\",\"text\":\"" + text + "\"}");

		assertThat(response.getStatusCode().value()).isEqualTo(202);
		assertThat(response.getBody()).contains("\"to\":\"bob\"");
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(bob.receivedTexts()).contains(text));
		await().during(Duration.ofMillis(500))
			.atMost(Duration.ofSeconds(2))
			.untilAsserted(() -> assertThat(carol.receivedTexts()).doesNotContain(text));
	}

	@Test
	void privateWhenRecipientUnknownReturnsNotFound() {
		var response = alice.post("/messages", "{\"to\":\"nobody\",\"text\":\"hi\"}");

		assertThat(response.getStatusCode().value()).isEqualTo(404);
		assertThat(response.getHeaders().getContentType()).hasToString("application/problem+json");
		assertThat(response.getBody()).contains("urn:p2pchat:unknown-recipient");
	}

	@Test
	void sendWhenTextEmptyReturnsBadRequest() {
		var response = alice.post("/messages", "{\"text\":\"\"}");

		assertThat(response.getStatusCode().value()).isEqualTo(400);
		assertThat(response.getBody()).contains("\"field\":\"text\"");
	}

	@Test
	void sendWhenTextHasALoneSurrogateReturnsBadRequestAndLinksCarryOn() {
		String tag = "poison " + UUID.randomUUID();

		var response = alice.post("/messages", "{\"text\":\"" + tag + " x\\ud800y\"}");
		var lowFirst = alice.post("/messages", "{\"text\":\"" + tag + " \\udc00\\ud800\"}");

		assertThat(response.getStatusCode().value()).isEqualTo(400);
		assertThat(response.getHeaders().getContentType()).hasToString("application/problem+json");
		assertThat(response.getBody()).contains("\"field\":\"text\"", "lone surrogate");
		assertThat(lowFirst.getStatusCode().value()).isEqualTo(400);
		assertThat(alice.get("/messages?limit=1000").getBody()).doesNotContain(tag);
		String after = "after poison " + UUID.randomUUID();
		assertThat(alice.post("/messages", "{\"text\":\"" + after + " \\ud83d\\ude00\"}").getStatusCode().value())
			.isEqualTo(202);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(bob.receivedTexts()).contains(after + " \ud83d\ude00"));
	}

	@Test
	void sendWhenTextTooLongReturnsContentTooLargeAndKeepsNothing() {
		String text = "x".repeat(4097);

		var response = alice.post("/messages", "{\"text\":\"" + text + "\"}");

		assertThat(response.getStatusCode().value()).isEqualTo(413);
		assertThat(response.getBody()).contains("\"field\":\"text\"");
		assertThat(alice.get("/messages?limit=1000").getBody()).doesNotContain(text);
	}

	@Test
	void sendWhenBodyMalformedOrUnknownFieldReturnsBadRequest() {
		var unknownField = alice.post("/messages", "{\"text\":\"hi\",\"color\":\"red\"}");
		var malformed = alice.post("/messages", "{\"text\":");

		assertThat(unknownField.getStatusCode().value()).isEqualTo(400);
		assertThat(unknownField.getBody()).contains("\"field\":\"color\"");
		assertThat(malformed.getStatusCode().value()).isEqualTo(400);
		assertThat(malformed.getHeaders().getContentType()).hasToString("application/problem+json");
	}

	@Test
	void burstWhenTwoSendersSendAtOnceEveryReceiverGetsAllInOrder() {
		int perSender = 500;
		String tag = UUID.randomUUID().toString().substring(0, 8);

		CompletableFuture<Void> fromAlice = CompletableFuture.runAsync(() -> burst(alice, tag, perSender));
		CompletableFuture<Void> fromBob = CompletableFuture.runAsync(() -> burst(bob, tag, perSender));
		CompletableFuture.allOf(fromAlice, fromBob).join();

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(tagged(carol, tag, "alice")).hasSize(perSender);
			assertThat(tagged(carol, tag, "bob")).hasSize(perSender);
			assertThat(tagged(bob, tag, "alice")).hasSize(perSender);
			assertThat(tagged(alice, tag, "bob")).hasSize(perSender);
		});
		List<String> expected = IntStream.range(0, perSender).mapToObj((i) -> tag + " " + i).toList();
		assertThat(tagged(carol, tag, "alice")).containsExactlyElementsOf(expected);
		assertThat(tagged(carol, tag, "bob")).containsExactlyElementsOf(expected);
		assertThat(tagged(bob, tag, "alice")).containsExactlyElementsOf(expected);
		assertThat(tagged(alice, tag, "bob")).containsExactlyElementsOf(expected);
	}

	@Test
	void renameWhenDoneOthersSeeTheNewNameWithinASecond() {
		var response = carol.http()
			.put()
			.uri("/me")
			.header("Content-Type", "application/json")
			.body("{\"username\":\"carola\"}")
			.retrieve()
			.toEntity(String.class);

		assertThat(response.getStatusCode().value()).isEqualTo(200);
		assertThat(response.getBody()).contains("\"username\":\"carola\"");
		await().atMost(Duration.ofSeconds(1))
			.untilAsserted(() -> assertThat(alice.get("/peers").getBody()).contains("\"username\":\"carola\""));
		carol.http()
			.put()
			.uri("/me")
			.header("Content-Type", "application/json")
			.body("{\"username\":\"carol\"}")
			.retrieve()
			.toBodilessEntity();
		await().atMost(Duration.ofSeconds(1))
			.untilAsserted(() -> assertThat(alice.get("/peers").getBody()).contains("\"username\":\"carol\""));
	}

	@Test
	void renameWhenNameTakenReturnsConflictAndKeepsTheOldName() {
		var response = bob.http()
			.put()
			.uri("/me")
			.header("Content-Type", "application/json")
			.body("{\"username\":\"ALICE\"}")
			.retrieve()
			.toEntity(String.class);

		assertThat(response.getStatusCode().value()).isEqualTo(409);
		assertThat(bob.get("/me").getBody()).contains("\"username\":\"bob\"", "\"registered\":true");
	}

	@Test
	void peersWhenLinkedShowsEveryOtherPeerConnected() {
		String peers = alice.get("/peers").getBody();

		assertThat(peers).contains("\"username\":\"bob\"", "\"username\":\"carol\"")
			.doesNotContain("\"username\":\"alice\"");
		assertThat(alice.mesh().linkState(bob.id())).isEqualTo(LinkState.CONNECTED);
		assertThat(peers).contains("\"link\":\"connected\"").doesNotContain("\"link\":\"down\"");
	}

	@Test
	void streamWhenMessageArrivesEmitsMessageEvent() throws Exception {
		String text = "live " + UUID.randomUUID();
		var lines = new ConcurrentLinkedQueue<String>();
		var request = HttpRequest.newBuilder(bob.url().resolve("/messages/stream"))
			.header("Authorization", "Bearer " + bob.token())
			.build();
		HttpClient client = HttpClient.newHttpClient();
		HttpResponse<java.util.stream.Stream<String>> response = client.send(request,
				HttpResponse.BodyHandlers.ofLines());
		Thread.ofVirtual().start(() -> response.body().forEach(lines::add));

		alice.post("/messages", "{\"text\":\"" + text + "\"}");

		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/event-stream"));
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(lines).contains("event:message")
				.anySatisfy((line) -> assertThat(line).startsWith("data:").contains(text, "\"from\":\"alice\"")));
		client.shutdownNow();
	}

	@Test
	void historyWhenAskedListsOldestFirstAndRejectsBadLimit() {
		String first = "first " + UUID.randomUUID();
		String second = "second " + UUID.randomUUID();
		alice.chat().send(null, first);
		ChatMessage last = alice.chat().send(null, second);

		String page = alice.get("/messages?limit=2").getBody();
		var badLimit = alice.get("/messages?limit=0");

		assertThat(page.indexOf(first)).isNotNegative().isLessThan(page.indexOf(second));
		assertThat(alice.get("/messages?after=" + last.id()).getBody()).isEqualTo("[]");
		assertThat(badLimit.getStatusCode().value()).isEqualTo(400);
		assertThat(alice.get("/messages/" + UUID.randomUUID()).getStatusCode().value()).isEqualTo(404);
	}

	@Test
	void historyWhenPagedBackWithBeforeListsEveryMessageOnceOldestFirst() {
		String tag = "page-" + UUID.randomUUID();
		List<String> sent = new ArrayList<>();
		for (int i = 0; i < 2500; i++) {
			sent.add(alice.chat().send(null, tag + " " + i).id().toString());
		}

		List<String> newestPagesFirst = new ArrayList<>();
		List<Map<String, Object>> page = page(alice.get("/messages?limit=300").getBody());
		while (!page.isEmpty()) {
			assertThat(page.size()).isLessThanOrEqualTo(300);
			newestPagesFirst.addAll(0, page.stream().map((message) -> (String) message.get("id")).toList());
			page = page(alice.get("/messages?limit=300&before=" + page.getFirst().get("id")).getBody());
		}

		assertThat(newestPagesFirst.stream().filter(sent::contains).toList()).containsExactlyElementsOf(sent);
		assertThat(page(alice.get("/messages?limit=3&before=" + sent.get(10)).getBody()))
			.extracting((message) -> message.get("text"))
			.containsExactly(tag + " 7", tag + " 8", tag + " 9");
		assertThat(alice.get("/messages?before=" + UUID.randomUUID()).getBody()).isEqualTo("[]");
		var malformed = alice.get("/messages?before=not-an-id");
		assertThat(malformed.getStatusCode().value()).isEqualTo(400);
		assertThat(malformed.getHeaders().getContentType()).hasToString("application/problem+json");
		assertThat(alice.get("/messages?after=" + sent.get(1) + "&before=" + sent.get(2)).getStatusCode().value())
			.isEqualTo(400);
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> page(String json) {
		return tools.jackson.databind.json.JsonMapper.builder().build().readValue(json, List.class);
	}

	@Test
	void actuatorWhenRegisteredShowsReadinessUpAndMetrics() {
		var readiness = alice.get("/actuator/health/readiness");
		var liveness = alice.get("/actuator/health/liveness");
		var sent = alice.get("/actuator/metrics/p2pchat.messages.sent");
		var links = alice.get("/actuator/metrics/p2pchat.links.live");

		assertThat(readiness.getStatusCode().value()).isEqualTo(200);
		assertThat(readiness.getBody()).contains("\"status\":\"UP\"");
		assertThat(liveness.getStatusCode().value()).isEqualTo(200);
		assertThat(sent.getStatusCode().value()).isEqualTo(200);
		assertThat(links.getBody()).contains("\"value\":2.0");
		assertThat(alice.get("/me").getBody()).contains("\"registered\":true", "\"peerId\":\"" + alice.id() + "\"");
	}

	@Test
	void httpMetricsWhenMessagesPostedObserveEveryRequestButTheSend() {
		assertThat(alice.post("/messages", "{\"text\":\"metered?\"}").getStatusCode().value()).isEqualTo(202);
		assertThat(alice.get("/me").getStatusCode().value()).isEqualTo(200);

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(
					alice.get("/actuator/metrics/http.server.requests?tag=uri:/me").getStatusCode().value())
				.isEqualTo(200));
		assertThat(alice.get("/actuator/metrics/http.server.requests?tag=uri:/messages&tag=method:POST")
			.getStatusCode()
			.value()).isEqualTo(404);
	}

	private static void burst(TestPeer sender, String tag, int count) {
		for (int i = 0; i < count; i++) {
			var response = sender.post("/messages", "{\"text\":\"" + tag + " " + i + "\"}");
			assertThat(response.getStatusCode().value()).isEqualTo(202);
		}
	}

	private static List<String> tagged(TestPeer receiver, String tag, String from) {
		List<String> texts = new ArrayList<>();
		for (ChatMessage message : receiver.received()) {
			if (message.from().equals(from) && message.text().startsWith(tag + " ")) {
				texts.add(message.text());
			}
		}
		return texts;
	}

	static Map<String, Object> none() {
		return Map.of();
	}

}
