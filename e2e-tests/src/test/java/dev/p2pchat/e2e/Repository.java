package dev.p2pchat.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Files of the repository this module lives in: the Dockerfile, {@code k8s/}, and the
 * jars that {@code ./mvnw package} left in the services' {@code target/} folders (the
 * reactor builds {@code e2e-tests} last, so they are fresh).
 */
final class Repository {

	private Repository() {
	}

	static Path root() {
		Path dir = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
		while (dir != null && !Files.exists(dir.resolve("docker-compose.yml"))) {
			dir = dir.getParent();
		}
		if (dir == null) {
			throw new IllegalStateException("no repository root (with docker-compose.yml) above the working directory");
		}
		return dir;
	}

	static Path file(String relative) {
		return root().resolve(relative);
	}

	/**
	 * The executable jar of a service module; fails when the module has not been
	 * packaged.
	 */
	static Path serviceJar(String module) {
		Path target = file(module).resolve("target");
		try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
			return files.filter((path) -> path.getFileName().toString().matches(module + "-[^/]*\\.jar"))
				.filter((path) -> !path.getFileName().toString().endsWith("-plain.jar"))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException(
						"no " + module + " jar in " + target + ": run ./mvnw -B package (the whole reactor) first"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Whether the build runs on CI, where a missing tool fails the build instead of
	 * skipping.
	 */
	static boolean onCi() {
		return "true".equalsIgnoreCase(System.getenv("CI"));
	}

}
