package dev.p2pchat.peer.clients;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import dev.p2pchat.peer.TestProcesses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A service started from its built jar as a separate JVM on a free loopback port, with
 * its standard output captured line by line (and copied to
 * {@code target/it-logs/<name>.log}) and its standard input writable.
 */
final class JarProcess implements AutoCloseable {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static final Map<String, Path> COPIES = new ConcurrentHashMap<>();

	private final String name;

	private final int port;

	private final Process process;

	private final List<String> output = new CopyOnWriteArrayList<>();

	private final Writer stdin;

	private volatile String token;

	private JarProcess(String name, int port, Process process) {
		this.name = name;
		this.port = port;
		this.process = process;
		this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
		Thread.ofVirtual().name(name + "-stdout").start(this::pump);
	}

	static JarProcess start(String name, Path jar, int port, String... args) {
		return start(name, jar, port, List.of(), args);
	}

	/**
	 * Starts with these JVM options too.
	 */
	static JarProcess start(String name, Path jar, int port, List<String> jvmOptions, String... args) {
		// the image's heap and its exit on OutOfMemoryError (Dockerfile): a flood that
		// exhausts the heap kills the process rather than leaving it limping
		List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx256m", "-XX:+ExitOnOutOfMemoryError",
				"-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Dstdout.encoding=UTF-8"));
		command.addAll(jvmOptions);
		command.addAll(List.of("-jar", jar.toString(), "--server.port=" + port, "--server.address=127.0.0.1"));
		command.addAll(List.of(args));
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			return new JarProcess(name, port, process);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A private copy of the jar named by a system property: the working tree's jar may be
	 * rebuilt while the processes run, which would break their class loading.
	 */
	static Path jar(String property) {
		return COPIES.computeIfAbsent(property, (key) -> {
			String path = System.getProperty(key);
			assertThat(path).as("system property " + key + " (set by failsafe)").isNotBlank();
			assertThat(Path.of(path)).as("built jar (run the package phase first)").isRegularFile();
			try {
				Path copy = Files.createTempFile("p2pchat-it-", ".jar");
				copy.toFile().deleteOnExit();
				return Files.copy(Path.of(path), copy, StandardCopyOption.REPLACE_EXISTING);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
	}

	String name() {
		return this.name;
	}

	/** Sends the owner's token with every call from now on. */
	JarProcess withToken(String token) {
		this.token = token;
		return this;
	}

	/** The owner's token given with {@link #withToken}. */
	String token() {
		return this.token;
	}

	int port() {
		return this.port;
	}

	URI url(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	void awaitReady() {
		await(this.name + " ready").atMost(Duration.ofSeconds(240))
			.pollInterval(Duration.ofMillis(250))
			.untilAsserted(() -> {
				assertThat(this.process.isAlive()).as(this.name + " alive; output:%n%s", tail()).isTrue();
				assertThat(status("/actuator/health/readiness")).isEqualTo(200);
			});
	}

	int status(String path) {
		try {
			return HTTP
				.send(HttpRequest.newBuilder(url(path)).timeout(Duration.ofSeconds(5)).build(),
						BodyHandlers.discarding())
				.statusCode();
		}
		catch (IOException ex) {
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

	String get(String path) {
		return call(HttpRequest.newBuilder(url(path)).GET());
	}

	String post(String path, String json) {
		return call(HttpRequest.newBuilder(url(path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json)));
	}

	/** POSTs and returns the status code with the body. */
	java.net.http.HttpResponse<String> postForResponse(String path, String json) {
		try {
			var request = HttpRequest.newBuilder(url(path))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(json))
				.timeout(Duration.ofSeconds(10));
			if (this.token != null) {
				request.header("Authorization", "Bearer " + this.token);
			}
			return HTTP.send(request.build(), BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Sends a request with any method ({@code json} may be {@code null} for none) and
	 * returns the status code with the body.
	 */
	java.net.http.HttpResponse<String> send(String method, String path, @Nullable String json) {
		try {
			var request = HttpRequest.newBuilder(url(path))
				.method(method,
						(json != null) ? HttpRequest.BodyPublishers.ofString(json)
								: HttpRequest.BodyPublishers.noBody())
				.timeout(Duration.ofSeconds(10));
			if (json != null) {
				request.header("Content-Type", "application/json");
			}
			if (this.token != null) {
				request.header("Authorization", "Bearer " + this.token);
			}
			return HTTP.send(request.build(), BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Kills the process at once ({@code kill -9}) and waits until it is gone. */
	void kill() {
		this.process.destroyForcibly();
		try {
			assertThat(this.process.waitFor(15, TimeUnit.SECONDS)).as(this.name + " killed").isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	String put(String path, String json) {
		return call(HttpRequest.newBuilder(url(path))
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(json)));
	}

	private String call(HttpRequest.Builder request) {
		if (this.token != null) {
			request.header("Authorization", "Bearer " + this.token);
		}
		return TestProcesses.send(HTTP, request.timeout(Duration.ofSeconds(10)).build()).body();
	}

	/** Types one line on the process's standard input. */
	void type(String line) {
		try {
			this.stdin.write(line + "\n");
			this.stdin.flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	void closeInput() {
		try {
			this.stdin.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	List<String> output() {
		return List.copyOf(this.output);
	}

	Process process() {
		return this.process;
	}

	String tail() {
		List<String> lines = output();
		return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
	}

	@Override
	public void close() {
		TestProcesses.stop(this.process);
	}

	private void pump() {
		Path log = Path.of("target", "it-logs", this.name + ".log");
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8));
				Writer file = open(log)) {
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				this.output.add(line);
				file.write(line + "\n");
				file.flush();
			}
		}
		catch (IOException ex) {
			// the process ended: nothing more to read
		}
	}

	private static Writer open(Path log) throws IOException {
		Files.createDirectories(log.getParent());
		return Files.newBufferedWriter(log, StandardCharsets.UTF_8);
	}

	private static String javaBinary() {
		return ProcessHandle.current().info().command().orElse("java");
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
