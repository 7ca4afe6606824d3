package dev.p2pchat.peer.clients;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Replies, edits, deletions, reactions and read markers on real peer processes: what the
 * API answers, what the history shows, what survives a restart, and that a deleted text
 * is gone from the data directory's files.
 */
class MessageActionsIT {

	private static final Duration PATIENCE = Duration.ofSeconds(60);

	private static final String THUMBS_UP = "\uD83D\uDC4D";

	@TempDir
	static Path dirs;

	private static LocalChat chat;

	private static JarProcess alice;

	private static JarProcess bob;

	private static int alicePort;

	@BeforeAll
	static void start() {
		chat = LocalChat.start();
		alicePort = JarProcess.freePort();
		alice = chat.peer("alice", alicePort, dirs.resolve("alice"));
		bob = chat.peer("bob");
		chat.awaitLinked();
	}

	@AfterAll
	static void stop() {
		if (chat != null) {
			chat.close();
		}
	}

	@Test
	void editWhenOwnMessageShowsNewTextMarkedEditedAndAnotherPeersGets403() {
		String id = send(alice, "{\"text\":\"helo bob\"}");
		await().atMost(PATIENCE).until(() -> bob.get("/messages").contains(id));

		HttpResponse<String> edited = alice.send("PATCH", "/messages/" + id, "{\"text\":\"hello bob\"}");
		assertThat(edited.statusCode()).isEqualTo(200);
		JsonNode mine = find(alice, id);
		assertThat(mine.path("text").asString()).isEqualTo("hello bob");
		assertThat(mine.path("edited").asBoolean()).isTrue();

		HttpResponse<String> notMine = bob.send("PATCH", "/messages/" + id, "{\"text\":\"hijacked\"}");
		assertThat(notMine.statusCode()).isEqualTo(403);
		assertThat(notMine.body()).contains("\"status\":403");
		assertThat(bob.send("DELETE", "/messages/" + id, null).statusCode()).isEqualTo(403);
		assertThat(alice.send("PATCH", "/messages/" + id, "{\"text\":\"\"}").statusCode()).isEqualTo(400);
	}

	@Test
	void replyWhenMessageKnownCarriesReplyToAndUnknownIdGets404() {
		String id = send(alice, "{\"text\":\"lunch?\"}");
		await().atMost(PATIENCE).until(() -> bob.get("/messages").contains(id));

		String reply = send(bob, "{\"text\":\"yes\",\"replyTo\":\"" + id + "\"}");
		assertThat(find(bob, reply).path("replyTo").asString()).isEqualTo(id);
		assertThat(find(bob, reply).path("to").isNull() || find(bob, reply).path("to").isMissingNode()).isTrue();

		HttpResponse<String> unknown = bob.send("POST", "/messages",
				"{\"text\":\"to nothing\",\"replyTo\":\"00000000-0000-7000-8000-000000000000\"}");
		assertThat(unknown.statusCode()).isEqualTo(404);
		HttpResponse<String> elsewhere = bob.send("POST", "/messages",
				"{\"to\":\"alice\",\"text\":\"x\",\"replyTo\":\"" + id + "\"}");
		assertThat(elsewhere.statusCode()).isEqualTo(400);
	}

	@Test
	void reactWhenAddedTwiceShowsOneReactionAndBadEmojiGets400() {
		String id = send(alice, "{\"text\":\"shipped\"}");
		await().atMost(PATIENCE).until(() -> bob.get("/messages").contains(id));
		String path = "/messages/" + id + "/reactions/" + URLEncoder.encode(THUMBS_UP, StandardCharsets.UTF_8);

		assertThat(bob.send("PUT", path, null).statusCode()).isEqualTo(200);
		assertThat(bob.send("PUT", path, null).statusCode()).isEqualTo(200);
		assertThat(find(bob, id).path("reactions").path(THUMBS_UP).toString()).isEqualTo("[\"bob\"]");

		assertThat(bob.send("DELETE", path, null).statusCode()).isEqualTo(200);
		assertThat(find(bob, id).has("reactions")).isFalse();

		assertThat(bob.send("PUT", "/messages/" + id + "/reactions/ab", null).statusCode()).isEqualTo(400);
		assertThat(bob.send("PUT", "/messages/" + id + "/reactions/%F0%9F%91%8D%F0%9F%91%8D", null).statusCode())
			.isEqualTo(400);
		assertThat(bob
			.send("PUT",
					"/messages/00000000-0000-7000-8000-000000000000/reactions/"
							+ URLEncoder.encode(THUMBS_UP, StandardCharsets.UTF_8),
					null)
			.statusCode()).isEqualTo(404);
	}

	@Test
	void readWhenMarkedShowsReaderOnEarlierMessagesAndBadInputGets400Or404() {
		String first = send(alice, "{\"text\":\"one\"}");
		String second = send(alice, "{\"text\":\"two\"}");
		await().atMost(PATIENCE).until(() -> bob.get("/messages").contains(second));

		assertThat(bob.send("POST", "/messages/read", "{\"upTo\":\"" + second + "\"}").statusCode()).isEqualTo(204);
		JsonNode detail = LocalChat.JSON.readTree(bob.get("/messages/" + first));
		assertThat(detail.path("read").findValuesAsString("username")).containsExactly("bob");

		assertThat(bob.send("POST", "/messages/read", "{}").statusCode()).isEqualTo(400);
		assertThat(
				bob.send("POST", "/messages/read", "{\"upTo\":\"00000000-0000-7000-8000-000000000000\"}").statusCode())
			.isEqualTo(404);
	}

	@Test
	void deleteWhenOwnMessageRemovesItsTextFromHistoryAndFilesAndSurvivesRestart() {
		String secret = "the-secret-" + System.nanoTime();
		String id = send(alice, "{\"text\":\"" + secret + "\"}");
		alice.send("PATCH", "/messages/" + id, "{\"text\":\"" + secret + " (edited)\"}");
		String kept = send(alice, "{\"text\":\"kept after the deletion\"}");
		alice.send("PUT", "/messages/" + kept + "/reactions/" + URLEncoder.encode(THUMBS_UP, StandardCharsets.UTF_8),
				null);
		await().atMost(PATIENCE).until(() -> filesHold(dirs.resolve("alice"), secret));

		assertThat(alice.send("DELETE", "/messages/" + id, null).statusCode()).isEqualTo(204);
		JsonNode deleted = find(alice, id);
		assertThat(deleted.path("deleted").asBoolean()).isTrue();
		assertThat(deleted.path("text").asString()).isEmpty();
		assertThat(alice.get("/messages")).doesNotContain(secret);
		await("the text gone from alice's files").atMost(PATIENCE)
			.until(() -> !filesHold(dirs.resolve("alice"), secret));
		assertThat(alice.send("DELETE", "/messages/" + id, null).statusCode()).isEqualTo(204);
		assertThat(alice.send("PATCH", "/messages/" + id, "{\"text\":\"back\"}").statusCode()).isEqualTo(404);

		alice.close();
		chat.forget(alice);
		alice = chat.peer("alice", alicePort, dirs.resolve("alice"));
		alice.awaitReady();
		assertThat(find(alice, id).path("deleted").asBoolean()).isTrue();
		assertThat(find(alice, kept).path("reactions").path(THUMBS_UP).toString()).isEqualTo("[\"alice\"]");
		assertThat(alice.get("/messages?limit=1000")).doesNotContain(secret);
		assertThat(filesHold(dirs.resolve("alice"), secret)).isFalse();
	}

	private static String send(JarProcess peer, String json) {
		HttpResponse<String> sent = peer.send("POST", "/messages", json);
		assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
		return LocalChat.JSON.readTree(sent.body()).path("id").asString();
	}

	/** The message as a page of {@code GET /messages} shows it. */
	private static JsonNode find(JarProcess peer, String id) {
		for (JsonNode message : LocalChat.JSON.readTree(peer.get("/messages?limit=1000"))) {
			if (message.path("id").asString().equals(id)) {
				return message;
			}
		}
		throw new AssertionError(peer.name() + " has no message " + id);
	}

	/** Whether any file under the directory holds the text's UTF-8 bytes. */
	private static boolean filesHold(Path dir, String text) {
		byte[] needle = text.getBytes(StandardCharsets.UTF_8);
		try (Stream<Path> files = Files.walk(dir)) {
			return files.filter(Files::isRegularFile).anyMatch((file) -> holds(file, needle));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static boolean holds(Path file, byte[] needle) {
		try {
			byte[] bytes = Files.readAllBytes(file);
			outer: for (int i = 0; i + needle.length <= bytes.length; i++) {
				for (int j = 0; j < needle.length; j++) {
					if (bytes[i + j] != needle[j]) {
						continue outer;
					}
				}
				return true;
			}
			return false;
		}
		catch (IOException ex) {
			return false; // a segment deleted while walking
		}
	}

}
