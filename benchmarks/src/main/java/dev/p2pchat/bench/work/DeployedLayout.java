package dev.p2pchat.bench.work;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A service as its container image runs it (see the Dockerfile): the Boot jar extracted
 * to {@code app.jar} + {@code lib/}, a JDK AOT cache from a training run, and the JVM
 * sizing itself for the 384 MiB memory limit that docker-compose.yml and k8s/ give each
 * container. The limit is emulated with {@code -XX:MaxRAM}: the JVM then sizes its heap
 * as it does inside such a container; the image names its collector (serial).
 *
 * @param appJar the extracted application jar
 * @param cache the AOT cache
 */
record DeployedLayout(Path appJar, Path cache) {

	/**
	 * The image's ENTRYPOINT options, plus the container's memory limit. {@code MaxRAM}
	 * sizes the heap as the limit does, but unlike a container limit it does not make the
	 * JVM pick the serial collector (G1 was measured here until the image named it).
	 */
	static final List<String> JVM_OPTIONS = List.of("-XX:MaxRAM=384m", "-XX:+UseSerialGC", "-XX:MaxRAMPercentage=70",
			"-XX:+ExitOnOutOfMemoryError");

	private static final long STEP_TIMEOUT_SECONDS = 180;

	/**
	 * Extracts a Boot jar into {@code dir} and trains its AOT cache, as the image build
	 * does.
	 */
	static DeployedLayout prepare(Path bootJar, Path dir, Path logDir) throws IOException {
		Files.createDirectories(dir);
		Files.createDirectories(logDir);
		run(List.of("-Djarmode=tools", "-jar", bootJar.toString(), "extract", "--destination", dir.toString(),
				"--application-filename", "app.jar", "--force"), logDir.resolve("deployed-extract.log"));
		Path appJar = dir.resolve("app.jar");
		Path cache = dir.resolve("app.aot");
		Files.deleteIfExists(cache);
		var training = new ArrayList<String>();
		training.add("-XX:AOTCacheOutput=" + cache);
		training.addAll(JVM_OPTIONS);
		training.addAll(List.of("-Dspring.context.exit=onRefresh", "-Dp2pchat.peer.username=aot-training",
				"-Dp2pchat.peer.data-dir=" + Files.createTempDirectory("bench-aot-training-"), "-jar",
				appJar.toString()));
		run(training, logDir.resolve("deployed-training.log"));
		if (!Files.isRegularFile(cache)) {
			throw new IOException("the training run wrote no AOT cache; see " + logDir);
		}
		return new DeployedLayout(appJar, cache);
	}

	/** JVM arguments up to and including the jar. */
	List<String> jvmArgs() {
		var args = new ArrayList<String>();
		args.add("-XX:AOTCache=" + this.cache);
		args.addAll(JVM_OPTIONS);
		args.addAll(List.of("-jar", this.appJar.toString()));
		return args;
	}

	private static void run(List<String> args, Path log) throws IOException {
		var command = new ArrayList<String>();
		command.add(ProcessHandle.current().info().command().orElse("java"));
		command.addAll(args);
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		try {
			if (!process.waitFor(STEP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IOException("timed out: " + String.join(" ", command));
			}
		}
		catch (InterruptedException ex) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
			throw new IOException("interrupted", ex);
		}
		if (process.exitValue() != 0) {
			throw new IOException(
					"failed (" + process.exitValue() + "), see " + log + ": " + String.join(" ", command));
		}
	}

}
