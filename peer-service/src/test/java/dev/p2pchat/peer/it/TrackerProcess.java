package dev.p2pchat.peer.it;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real tracker-service started from its built jar (path in the system property
 * {@code p2pchat.it.tracker-jar}) on a free loopback port; can be stopped and started
 * again, empty, on the same port.
 */
final class TrackerProcess implements AutoCloseable {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final Path jar;

	private final int port;

	private final List<String> args;

	private Process process;

	private TrackerProcess(Path jar, int port, List<String> args) {
		this.jar = jar;
		this.port = port;
		this.args = List.copyOf(args);
	}

	static TrackerProcess start() {
		return start(List.of(), Duration.ofSeconds(60));
	}

	/**
	 * Starts a tracker with these extra command-line arguments (e.g.
	 * {@code --p2pchat.tracker.store=redis}) and waits up to {@code startup} for it.
	 */
	static TrackerProcess start(List<String> args, Duration startup) {
		String jar = System.getProperty("p2pchat.it.tracker-jar");
		assertThat(jar).as("system property p2pchat.it.tracker-jar").isNotNull();
		assertThat(Path.of(jar)).as("the tracker jar (build tracker-service first)").exists();
		var tracker = new TrackerProcess(Path.of(jar), freePort(), args);
		tracker.start(startup);
		return tracker;
	}

	static int freePort() {
		try (var socket = new ServerSocket(0)) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	URI url() {
		return URI.create("http://127.0.0.1:" + this.port);
	}

	/** Starts the tracker (after {@link #stop()}: a new, empty one on the same port). */
	void start(boolean waitUntilUp) {
		start(waitUntilUp ? Duration.ofSeconds(60) : Duration.ZERO);
	}

	private void start(Duration startup) {
		String java = ProcessHandle.current().info().command().orElse("java");
		File log = Path.of("target", "tracker-" + this.port + ".log").toFile();
		try {
			Files.createDirectories(log.toPath().getParent());
			List<String> command = new ArrayList<>(
					List.of(java, "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar",
							this.jar.toString(), "--server.port=" + this.port, "--server.address=127.0.0.1"));
			command.addAll(this.args);
			this.process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log))
				.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("could not start the tracker", ex);
		}
		if (startup.isPositive()) {
			await().atMost(startup)
				.pollInterval(Duration.ofMillis(200))
				.ignoreExceptions()
				.until(() -> health() == 200);
		}
	}

	void stop() {
		if (this.process == null) {
			return;
		}
		this.process.destroy();
		try {
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.process = null;
	}

	@Override
	public void close() {
		stop();
	}

	private int health() throws IOException, InterruptedException {
		var request = HttpRequest.newBuilder(url().resolve("/actuator/health")).timeout(Duration.ofSeconds(2)).build();
		return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
	}

}
