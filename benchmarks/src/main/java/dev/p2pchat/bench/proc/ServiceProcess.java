package dev.p2pchat.bench.proc;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * One local process under test, its output in a log file. Every started process is
 * stopped by {@link #stop()}, by {@link #stopAll()} or, at the latest, by a JVM shutdown
 * hook.
 */
public final class ServiceProcess {

	private static final List<ServiceProcess> RUNNING = new CopyOnWriteArrayList<>();

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(ServiceProcess::stopAll, "bench-stop-processes"));
	}

	private static final String TOKEN_ARG = "--p2pchat.peer.api-token=";

	private final String name;

	private final Process process;

	private final int port;

	private final long startNanos;

	private final @Nullable String authorization;

	private ServiceProcess(String name, Process process, int port, long startNanos, @Nullable String token) {
		this.name = name;
		this.process = process;
		this.port = port;
		this.startNanos = startNanos;
		this.authorization = (token != null) ? "Bearer " + token : null;
	}

	/**
	 * Starts a JVM with the same {@code java} as this one.
	 * @param name a name for logs
	 * @param port its HTTP port
	 * @param jvmArgs arguments before the main class or jar
	 * @param logDir where its output goes
	 * @return the started process
	 * @throws IOException when it cannot be started
	 */
	public static ServiceProcess startJava(String name, int port, List<String> jvmArgs, Path logDir)
			throws IOException {
		var command = new ArrayList<String>();
		command.add(ProcessHandle.current().info().command().orElse("java"));
		command.addAll(jvmArgs);
		Files.createDirectories(logDir);
		Path log = logDir.resolve(name + ".log");
		long start = System.nanoTime();
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.redirectInput(ProcessBuilder.Redirect.PIPE)
			.start();
		// a peer's owner token, sent with this class's own calls (a peer answers its
		// owner only)
		String token = jvmArgs.stream()
			.filter((arg) -> arg.startsWith(TOKEN_ARG))
			.map((arg) -> arg.substring(TOKEN_ARG.length()))
			.findFirst()
			.orElse(null);
		var started = new ServiceProcess(name, process, port, start, token);
		RUNNING.add(started);
		return started;
	}

	/**
	 * Waits until a path of the process answers 200.
	 * @param path e.g. {@code /actuator/health/readiness}
	 * @param timeout how long to wait at most
	 * @return the time from start until it answered
	 * @throws IOException when it exits or does not answer in time
	 */
	public Duration awaitOk(String path, Duration timeout) throws IOException {
		return awaitStatus(path, 200, timeout);
	}

	/**
	 * Waits until a path of the process answers with a status.
	 * @param path the path
	 * @param status the status that means ready
	 * @param timeout how long to wait at most
	 * @return the time from start until it answered so
	 * @throws IOException when it exits or does not answer in time
	 */
	public Duration awaitStatus(String path, int status, Duration timeout) throws IOException {
		long deadline = System.nanoTime() + timeout.toNanos();
		var request = authorized(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(2))).build();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IOException(this.name + " exited with " + this.process.exitValue() + ", see its log");
			}
			try {
				if (HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == status) {
					return Duration.ofNanos(System.nanoTime() - this.startNanos);
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IOException("interrupted", ex);
			}
			Pause.briefly();
		}
		throw new IOException(this.name + " not ready on " + path + " within " + timeout);
	}

	/**
	 * GETs a path of the process.
	 * @param path the path
	 * @return the body, whatever the status
	 * @throws IOException when it does not answer
	 */
	public String get(String path) throws IOException {
		var request = authorized(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(10))).build();
		try {
			return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted", ex);
		}
	}

	private HttpRequest.Builder authorized(HttpRequest.Builder request) {
		return (this.authorization != null) ? request.header("Authorization", this.authorization) : request;
	}

	/** Its resident set size in bytes, from {@code /proc/<pid>/status}. */
	public long rssBytes() throws IOException {
		for (String line : Files.readAllLines(Path.of("/proc/" + this.process.pid() + "/status"))) {
			if (line.startsWith("VmRSS:")) {
				return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
			}
		}
		throw new IOException("no VmRSS for " + this.name);
	}

	public String name() {
		return this.name;
	}

	public int port() {
		return this.port;
	}

	public long pid() {
		return this.process.pid();
	}

	public boolean isAlive() {
		return this.process.isAlive();
	}

	/** Stops it: SIGTERM, then SIGKILL after 10 seconds. */
	public void stop() {
		RUNNING.remove(this);
		this.process.descendants().forEach(ProcessHandle::destroy);
		this.process.destroy();
		try {
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

	/** Stops every process still running, in parallel. */
	public static void stopAll() {
		stopAll(RUNNING);
	}

	/**
	 * Stops processes in parallel.
	 * @param processes the processes
	 */
	public static void stopAll(List<ServiceProcess> processes) {
		List<ServiceProcess> all = List.copyOf(processes);
		all.forEach((p) -> p.process.destroy());
		all.forEach(ServiceProcess::stop);
	}

}
