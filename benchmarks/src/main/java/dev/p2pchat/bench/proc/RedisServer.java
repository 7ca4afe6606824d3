package dev.p2pchat.bench.proc;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * A Redis for the benchmark on 127.0.0.1: a {@code redis-server} from the PATH when there
 * is one, else a {@code redis:7} container of the local Docker engine. Without either
 * there is none, and the caller reports its figures as not measured.
 */
public final class RedisServer implements AutoCloseable {

	private static final Duration READY = Duration.ofSeconds(60);

	private final int port;

	private final @Nullable Process process;

	private final @Nullable String containerId;

	private RedisServer(int port, @Nullable Process process, @Nullable String containerId) {
		this.port = port;
		this.process = process;
		this.containerId = containerId;
	}

	/**
	 * Starts Redis and waits until it answers {@code PING}.
	 * @param logDir where a {@code redis-server}'s output goes
	 * @return the server, or empty when neither {@code redis-server} nor a Docker engine
	 * is available
	 * @throws IOException when one is available but Redis does not start
	 */
	public static Optional<RedisServer> start(Path logDir) throws IOException {
		int port = Ports.free();
		RedisServer server;
		if (onPath("redis-server")) {
			Files.createDirectories(logDir);
			Process process = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
					"--save", "", "--appendonly", "no")
				.redirectErrorStream(true)
				.redirectOutput(logDir.resolve("redis.log").toFile())
				.start();
			server = new RedisServer(port, process, null);
		}
		else if (run(Duration.ofSeconds(20), "docker", "info") != null) {
			String id = run(Duration.ofSeconds(60), "docker", "run", "-d", "--rm", "-p", "127.0.0.1:" + port + ":6379",
					"redis:7");
			if (id == null || id.isBlank()) {
				throw new IOException("docker run redis:7 failed");
			}
			server = new RedisServer(port, null, id.strip());
		}
		else {
			return Optional.empty();
		}
		try {
			server.awaitPong();
		}
		catch (IOException ex) {
			server.close();
			throw ex;
		}
		return Optional.of(server);
	}

	/** {@code redis://127.0.0.1:<port>}. */
	public String url() {
		return "redis://127.0.0.1:" + this.port;
	}

	/** Where it runs: {@code redis-server} or {@code docker redis:7}. */
	public String kind() {
		return (this.process != null) ? "redis-server" : "docker redis:7";
	}

	private void awaitPong() throws IOException {
		long deadline = System.nanoTime() + READY.toNanos();
		while (System.nanoTime() < deadline) {
			try (var socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
				socket.setSoTimeout(2000);
				OutputStream out = socket.getOutputStream();
				out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
				out.flush();
				byte[] reply = new byte[7];
				int n = socket.getInputStream().readNBytes(reply, 0, 7);
				if (new String(reply, 0, n, StandardCharsets.US_ASCII).startsWith("+PONG")) {
					return;
				}
			}
			catch (IOException ex) {
				// not up yet (docker's proxy accepts before Redis does)
			}
			Pause.of(Duration.ofMillis(200));
		}
		throw new IOException("redis on port " + this.port + " did not answer PING within " + READY.toSeconds() + " s");
	}

	@Override
	public void close() {
		if (this.process != null) {
			this.process.destroy();
		}
		if (this.containerId != null) {
			run(Duration.ofSeconds(30), "docker", "rm", "-f", this.containerId);
		}
	}

	private static boolean onPath(String command) {
		String path = System.getenv("PATH");
		return path != null && List.of(path.split(File.pathSeparator))
			.stream()
			.anyMatch((dir) -> Files.isExecutable(Path.of(dir, command)));
	}

	/** Runs a command; its standard output, or null when it fails or cannot run. */
	private static @Nullable String run(Duration timeout, String... command) {
		try {
			Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
			byte[] out;
			try (InputStream in = process.getInputStream()) {
				out = in.readAllBytes();
			}
			if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
				process.destroyForcibly();
				return null;
			}
			return (process.exitValue() == 0) ? new String(out, StandardCharsets.UTF_8) : null;
		}
		catch (IOException ex) {
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

}
