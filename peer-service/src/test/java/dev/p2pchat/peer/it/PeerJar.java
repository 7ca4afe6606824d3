package dev.p2pchat.peer.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.p2pchat.peer.TestProcesses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A peer started from its built jar (system property {@code p2pchat.it.peer-jar}) as the
 * image starts it: its own JVM with a 256 MB heap that exits on {@code OutOfMemoryError},
 * so that an attack that would exhaust the heap kills it. Its output goes to
 * {@code target/it-logs/<name>.log}; the owner's API is called with its token.
 */
final class PeerJar implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final String username;

	private final int port;

	private final Process process;

	private final Path dataDir;

	private final Path log;

	private PeerJar(String username, int port, Process process, Path dataDir, Path log) {
		this.username = username;
		this.port = port;
		this.process = process;
		this.dataDir = dataDir;
		this.log = log;
	}

	static PeerJar start(String username, URI tracker, String... extra) {
		int port = TrackerProcess.freePort();
		Path dataDir = tempDir(username);
		String java = ProcessHandle.current().info().command().orElse("java");
		List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:+ExitOnOutOfMemoryError",
				"-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", copy().toString(), "--server.port=" + port,
				"--server.address=127.0.0.1", "--p2pchat.peer.advertised-url=http://127.0.0.1:" + port,
				"--p2pchat.peer.username=" + username, "--p2pchat.peer.api-token=" + TestPeer.token(username),
				"--p2pchat.peer.tracker-url=" + tracker, "--p2pchat.peer.data-dir=" + dataDir,
				"--p2pchat.peer.renew-interval=2s", "--p2pchat.peer.backoff.max=1s", "--spring.main.banner-mode=off"));
		// an extra argument replaces the default (a repeated option would be read as a
		// list)
		for (String argument : extra) {
			String option = argument.substring(0, argument.indexOf('=') + 1);
			command.removeIf((given) -> !option.isEmpty() && given.startsWith(option));
		}
		command.addAll(List.of(extra));
		Path log = Path.of("target", "it-logs", username + "-" + port + ".log");
		try {
			Files.createDirectories(log.getParent());
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
				.start();
			var peer = new PeerJar(username, port, process, dataDir, log);
			await(username + " ready").atMost(Duration.ofSeconds(120))
				.pollInterval(Duration.ofMillis(250))
				.untilAsserted(() -> {
					assertThat(process.isAlive()).as(username + " alive (see " + log + ")").isTrue();
					assertThat(peer.status("/actuator/health/readiness")).isEqualTo(200);
				});
			return peer;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A private copy: the working tree's jar may be rebuilt while this one runs. */
	private static Path copy() {
		String jar = System.getProperty("p2pchat.it.peer-jar");
		assertThat(jar).as("system property p2pchat.it.peer-jar (set by failsafe)").isNotBlank();
		try {
			Path copy = Files.createTempFile("p2pchat-peer-", ".jar");
			copy.toFile().deleteOnExit();
			return Files.copy(Path.of(jar), copy, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Path tempDir(String username) {
		try {
			return Files.createTempDirectory("p2pchat-jar-" + username + "-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	URI url() {
		return URI.create("http://127.0.0.1:" + this.port);
	}

	String username() {
		return this.username;
	}

	/** Its data directory. */
	Path dataDir() {
		return this.dataDir;
	}

	/** Its log file. */
	Path log() {
		return this.log;
	}

	/** Stops it at once, as a crash or a pulled cable would. */
	void kill() {
		this.process.destroyForcibly();
		try {
			this.process.waitFor(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	boolean alive() {
		return this.process.isAlive();
	}

	String id() {
		return json("/me").path("peerId").asString();
	}

	int status(String path) {
		try {
			return send(HttpRequest.newBuilder(url().resolve(path)).GET()).statusCode();
		}
		catch (UncheckedIOException ex) {
			return -1;
		}
	}

	JsonNode json(String path) {
		HttpResponse<String> response = send(HttpRequest.newBuilder(url().resolve(path)).GET());
		assertThat(response.statusCode()).as("GET " + path).isEqualTo(200);
		return JSON.readTree(response.body());
	}

	HttpResponse<String> post(String path, String body) {
		return send(HttpRequest.newBuilder(url().resolve(path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	/** How long the owner waits for a page of the history. */
	Duration ownerWait() {
		long started = System.nanoTime();
		assertThat(status("/messages?limit=10")).isEqualTo(200);
		return Duration.ofNanos(System.nanoTime() - started);
	}

	/** A meter's first measurement, from {@code /actuator/metrics}. */
	double metric(String name, String... tags) {
		var path = new StringBuilder("/actuator/metrics/").append(name);
		for (int i = 0; i < tags.length; i++) {
			path.append((i == 0) ? "?" : "&").append("tag=").append(tags[i]);
		}
		return json(path.toString()).path("measurements").get(0).path("value").asDouble();
	}

	/** Heap in use now, in MB (garbage included). */
	double heapUsedMb() {
		return metric("jvm.memory.used", "area:heap") / (1024 * 1024);
	}

	/** The old generation after the last collection, in MB: what the peer holds. */
	double liveDataMb() {
		return metric("jvm.gc.live.data.size") / (1024 * 1024);
	}

	/** The texts of the history (up to 1,000), oldest first. */
	List<JsonNode> messages() {
		List<JsonNode> messages = new ArrayList<>();
		json("/messages?limit=1000").forEach(messages::add);
		return messages;
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		return TestProcesses.send(this.http,
				request.header("Authorization", "Bearer " + TestPeer.token(this.username))
					.timeout(Duration.ofSeconds(10))
					.build());
	}

	@Override
	public void close() {
		TestProcesses.stop(this.process);
		this.http.close();
	}

}
