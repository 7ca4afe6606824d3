package dev.p2pchat.peer.clients;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A peer whose data directory is a full disk: a 2 MB tmpfs (mounting needs root, as in
 * CI; elsewhere the test is aborted with the reason) whose free space a filler file
 * takes. It answers new messages 507, logs it once, keeps what it had accepted, and takes
 * up sending and receiving once space returns, losing nothing.
 */
class FullDiskIT {

	private static final Duration PATIENCE = Duration.ofSeconds(60);

	@TempDir
	Path dirs;

	private Path mount;

	@BeforeEach
	void mountTmpfs() throws Exception {
		this.mount = this.dirs.resolve("alice");
		Files.createDirectories(this.mount);
		String failure = run("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", this.mount.toString());
		if (failure != null && "true".equalsIgnoreCase(System.getenv("CI"))) {
			throw new IllegalStateException("cannot mount a tmpfs, which CI must: " + failure);
		}
		Assumptions.assumeTrue(failure == null, () -> "cannot mount a tmpfs (needs root): " + failure);
	}

	@AfterEach
	void unmount() throws Exception {
		run("umount", "-l", this.mount.toString());
	}

	@Test
	void sendWhenTheDataDiskIsFullAnswers507AndLosesNothingWhenSpaceReturns() throws Exception {
		try (LocalChat chat = LocalChat.start()) {
			chat.tracker().awaitReady();
			int port = JarProcess.freePort();
			Path dataDir = this.mount.resolve("data");
			JarProcess alice = chat.peer("alice", port, dataDir);
			alice.awaitReady();
			JarProcess bob = chat.peer("bob");
			chat.awaitLinked();
			List<String> accepted = new ArrayList<>();
			for (int i = 0; i < 10; i++) {
				accepted.add(send(alice, "before " + i));
			}
			Path filler = this.mount.resolve("filler");

			fill(filler);
			// the journal file's last page may hold a few more records: until it is full
			await("a first 507").atMost(PATIENCE).until(() -> {
				var response = alice.postForResponse("/messages", "{\"text\":\"filling up\"}");
				if (response.statusCode() == 202) {
					accepted.add(LocalChat.JSON.readTree(response.body()).path("id").asString());
				}
				return response.statusCode() == 507;
			});
			List<Integer> statuses = new ArrayList<>();
			List<JsonNode> problems = new ArrayList<>();
			for (int i = 0; i < 20; i++) {
				var response = alice.postForResponse("/messages", "{\"text\":\"while full " + i + "\"}");
				statuses.add(response.statusCode());
				if (response.statusCode() == 507) {
					assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
					problems.add(LocalChat.JSON.readTree(response.body()));
				}
			}
			List<String> fromBob = new ArrayList<>();
			for (int i = 0; i < 5; i++) {
				fromBob.add(send(bob, "to a full peer " + i));
			}

			assertThat(statuses).containsOnly(507);
			assertThat(problems).allSatisfy((problem) -> {
				assertThat(problem.path("type").asString()).isEqualTo("urn:p2pchat:storage-full");
				assertThat(problem.path("detail").asString()).contains("disk is full");
			});
			// refused before anything happened (only the first 507 came after its write
			// failed)
			assertThat(problems).allSatisfy((problem) -> assertThat(problem.path("sent").asBoolean(true)).isFalse());
			await("the full disk is logged").atMost(PATIENCE)
				.until(() -> alice.output().stream().anyMatch((line) -> line.contains("No space left on device")));
			assertThat(alice.output()).filteredOn((line) -> line.contains("No space left on device")).hasSize(1);
			assertThat(alice.output()).noneMatch((line) -> line.startsWith("\tat ") || line.startsWith("Caused by"));

			Files.delete(filler);
			await("alice takes messages again").atMost(PATIENCE)
				.until(() -> alice.postForResponse("/messages", "{\"text\":\"after\"}").statusCode() == 202);
			await("alice has bob's messages of the full spell, once, in order").atMost(PATIENCE)
				.untilAsserted(
						() -> assertThat(textsFrom(alice, "bob")).containsExactlyElementsOf(texts(bob, fromBob)));
			await("bob shows them delivered").atMost(PATIENCE)
				.untilAsserted(() -> assertThat(fromBob)
					.allSatisfy((id) -> assertThat(states(bob, id)).containsExactly("delivered")));
			alice.kill();
			chat.forget(alice);
			JarProcess restarted = chat.peer("alice", port, dataDir);
			restarted.awaitReady();

			List<String> kept = ids(restarted);
			assertThat(kept).containsAll(accepted).containsAll(fromBob).doesNotHaveDuplicates();
			assertThat(textsFrom(restarted, "bob")).containsExactlyElementsOf(texts(bob, fromBob));
		}
	}

	private static String send(JarProcess peer, String text) {
		var response = peer.postForResponse("/messages", "{\"text\":\"" + text + "\"}");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		return LocalChat.JSON.readTree(response.body()).path("id").asString();
	}

	private static List<String> ids(JarProcess peer) {
		return DurabilityIT.history(peer).stream().map((message) -> message.path("id").asString()).toList();
	}

	private static List<String> textsFrom(JarProcess peer, String from) {
		return DurabilityIT.history(peer)
			.stream()
			.filter((message) -> message.path("from").asString().equals(from))
			.map((message) -> message.path("text").asString())
			.toList();
	}

	private static List<String> texts(JarProcess sender, List<String> ids) {
		return ids.stream()
			.map((id) -> LocalChat.JSON.readTree(sender.get("/messages/" + id)).path("text").asString())
			.toList();
	}

	private static List<String> states(JarProcess sender, String id) {
		List<String> states = new ArrayList<>();
		LocalChat.JSON.readTree(sender.get("/messages/" + id))
			.path("recipients")
			.forEach((recipient) -> states.add(recipient.path("state").asString()));
		return states;
	}

	/** Takes every free byte of the volume. */
	private static void fill(Path filler) {
		try (FileChannel out = FileChannel.open(filler, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
			ByteBuffer chunk = ByteBuffer.allocate(512);
			while (true) {
				chunk.clear();
				out.write(chunk);
			}
		}
		catch (IOException ex) {
			assertThat(ex).hasMessage("No space left on device");
		}
	}

	private static String run(String... command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		process.waitFor(30, TimeUnit.SECONDS);
		return (process.exitValue() == 0) ? null : output.strip();
	}

}
