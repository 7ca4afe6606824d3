package dev.p2pchat.peer.it;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.p2pchat.peer.config.DataDirectory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The owner's token when none is configured: made at first start, kept owner-only in the
 * data directory, its page address logged once per start; and a configured token winning
 * over it.
 */
@ExtendWith(OutputCaptureExtension.class)
class ApiTokenIT {

	private static final Pattern PAGE = Pattern.compile("open (http://localhost:(\\d+)/)\\?token=([A-Za-z0-9_-]+)");

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static TrackerProcess tracker;

	@BeforeAll
	static void startTracker() {
		tracker = TrackerProcess.start();
	}

	@AfterAll
	static void stopTracker() {
		if (tracker != null) {
			tracker.close();
		}
	}

	@Test
	void tokenWhenNotConfiguredIsMadeKeptLoggedOnceAndWorks(CapturedOutput output) throws Exception {
		try (TestPeer dave = TestPeer.start("dave", tracker.url(), Map.of("p2pchat.peer.api-token", ""))) {
			Path dataDir = dave.bean(DataDirectory.class).path();
			String first = pageToken(output.getAll(), dave);
			Path file = dataDir.resolve("api-token");

			assertThat(first).hasSizeGreaterThanOrEqualTo(22);
			assertThat(Files.readString(file, StandardCharsets.UTF_8).strip()).isEqualTo(first);
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
			assertThat(countOf(output.getAll(), first)).isEqualTo(1);
			assertThat(status(dave, "/me", first)).isEqualTo(200);
			assertThat(status(dave, "/me", first + "x")).isEqualTo(401);

			dave.stop();
			int before = output.getAll().length();
			dave.start();
			String afterRestart = pageToken(output.getAll().substring(before), dave);

			assertThat(afterRestart).isEqualTo(first);
			assertThat(countOf(output.getAll().substring(before), first)).isEqualTo(1);
			assertThat(status(dave, "/me", first)).isEqualTo(200);
		}
	}

	@Test
	void tokenWhenConfiguredWinsOverTheKeptOneAndIsNeverLogged(CapturedOutput output) throws Exception {
		String kept;
		Path dataDir;
		try (TestPeer erin = TestPeer.start("erin", tracker.url(), Map.of("p2pchat.peer.api-token", ""))) {
			dataDir = erin.bean(DataDirectory.class).path();
			kept = pageToken(output.getAll(), erin);
		}
		String configured = "configured-token-of-erin-0123456789";

		try (TestPeer erin = TestPeer.start("erin", tracker.url(),
				Map.of("p2pchat.peer.data-dir", dataDir.toString(), "p2pchat.peer.api-token", configured))) {
			assertThat(status(erin, "/me", configured)).isEqualTo(200);
			assertThat(status(erin, "/me", kept)).isEqualTo(401);
			assertThat(output.getAll()).doesNotContain(configured)
				.contains("open http://localhost:" + erin.url().getPort() + "/?token=<p2pchat.peer.api-token>");
		}
	}

	private static String pageToken(String log, TestPeer peer) {
		Matcher page = PAGE.matcher(log);
		String token = null;
		while (page.find()) {
			if (Integer.parseInt(page.group(2)) == peer.url().getPort()) {
				assertThat(token).as("the page address logged once").isNull();
				token = page.group(3);
			}
		}
		assertThat(token).as("the page address with the token in the log").isNotNull();
		return token;
	}

	private static int countOf(String text, String part) {
		int count = 0;
		for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
			count++;
		}
		return count;
	}

	private static int status(TestPeer peer, String path, String token) throws Exception {
		return HTTP
			.send(HttpRequest.newBuilder(peer.url().resolve(path)).header("Authorization", "Bearer " + token).build(),
					BodyHandlers.discarding())
			.statusCode();
	}

}
