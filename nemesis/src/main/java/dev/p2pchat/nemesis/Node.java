package dev.p2pchat.nemesis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * One tracker or peer: a JVM started from its jar on a fixed loopback port (the same port
 * and data directory after a restart: the same peer), behind its own {@link FaultProxy}.
 * Output goes to {@code <logDir>/<name>.log}, appended across restarts.
 */
public final class Node {

	private static final Duration CALL = Duration.ofSeconds(5);

	private final String name;

	private final boolean tracker;

	private final Path jar;

	private final int port;

	private final List<String> args;

	private final Path logDir;

	private final SocketOwners owners;

	private final @Nullable String token;

	private @Nullable FaultProxy proxy;

	private volatile @Nullable Process process;

	private volatile boolean paused;

	private volatile Duration clockOffset = Duration.ZERO;

	private volatile int starts;

	Node(String name, boolean tracker, Path jar, int port, List<String> args, Path logDir, SocketOwners owners,
			@Nullable String token) {
		this.name = name;
		this.tracker = tracker;
		this.jar = jar;
		this.port = port;
		this.args = List.copyOf(args);
		this.logDir = logDir;
		this.owners = owners;
		this.token = token;
	}

	void proxy(FaultProxy proxy) {
		this.proxy = proxy;
	}

	public String name() {
		return this.name;
	}

	public boolean isTracker() {
		return this.tracker;
	}

	public FaultProxy proxy() {
		if (this.proxy == null) {
			throw new IllegalStateException("no proxy for " + this.name);
		}
		return this.proxy;
	}

	public URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	/**
	 * Starts the process (with the clock offset set by {@link #clockOffset(Duration)}).
	 */
	public synchronized void start() {
		List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
				"-Xmx160m", "-Xss512k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1", "-jar",
				this.jar.toString(), "--server.port=" + this.port, "--server.address=127.0.0.1"));
		command.addAll(this.args);
		if (!this.clockOffset.isZero()) {
			// a test knob of the peer: its injected Clock runs this far from the system's
			command.add("--p2pchat.peer.clock-offset=" + this.clockOffset.toMillis() + "ms");
		}
		try {
			Files.createDirectories(this.logDir);
			Path log = this.logDir.resolve(this.name + ".log");
			Files.writeString(log, "==== start " + (++this.starts) + " " + command.subList(5, command.size()) + "\n",
					java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
			Process started = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
				.start();
			this.process = started;
			this.paused = false;
			this.owners.register(started.pid(), this.name);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot start " + this.name, ex);
		}
	}

	/** Waits until it answers ready (the tracker: healthy), or fails. */
	public void awaitReady(Duration timeout) {
		String path = this.tracker ? "/actuator/health" : "/actuator/health/readiness";
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			Process current = this.process;
			if (current == null || !current.isAlive()) {
				throw new IllegalStateException(this.name + " is not running (see its log)");
			}
			if (Http.get(uri(path), null, Duration.ofSeconds(2)).status() == 200) {
				return;
			}
			Sleep.of(Duration.ofMillis(250));
		}
		throw new IllegalStateException(this.name + " not ready within " + timeout);
	}

	/** {@code kill -9}, and waits until it is gone. */
	public void kill() {
		Process current = this.process;
		if (current == null) {
			return;
		}
		current.destroyForcibly();
		waitGone(current);
	}

	/** {@code SIGTERM} (a clean shutdown), then {@code kill -9} after 20 s. */
	public void stop() {
		Process current = this.process;
		if (current == null) {
			return;
		}
		if (this.paused) {
			resume();
		}
		current.destroy();
		try {
			if (!current.waitFor(20, TimeUnit.SECONDS)) {
				current.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			current.destroyForcibly();
			Thread.currentThread().interrupt();
		}
		waitGone(current);
	}

	private void waitGone(Process current) {
		try {
			current.waitFor(20, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.owners.forget(current.pid());
		this.process = null;
		this.paused = false;
	}

	/** {@code SIGSTOP}: the process stops where it is, its sockets stay open. */
	public void pause() {
		signal("-STOP");
		this.paused = true;
	}

	/** {@code SIGCONT}. */
	public void resume() {
		signal("-CONT");
		this.paused = false;
	}

	private void signal(String signal) {
		Process current = this.process;
		if (current == null) {
			return;
		}
		try {
			new ProcessBuilder("kill", signal, Long.toString(current.pid())).inheritIO().start().waitFor();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	public boolean alive() {
		Process current = this.process;
		return current != null && current.isAlive();
	}

	public boolean paused() {
		return this.paused;
	}

	public void clockOffset(Duration offset) {
		this.clockOffset = offset;
	}

	public Duration clockOffset() {
		return this.clockOffset;
	}

	/** The owner's token (peers), or null (the tracker). */
	public @Nullable String token() {
		return this.token;
	}

	public Http.Answer get(String path) {
		return Http.get(uri(path), this.token, CALL);
	}

	public Http.Answer post(String path, String json, Duration timeout) {
		return Http.postJson(uri(path), this.token, json, timeout);
	}

	@Override
	public String toString() {
		return this.name;
	}

}
