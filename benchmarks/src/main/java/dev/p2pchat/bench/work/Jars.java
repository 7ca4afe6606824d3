package dev.p2pchat.bench.work;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The built jars the benchmark starts.
 *
 * @param tracker the tracker-service Boot jar
 * @param peer the peer-service Boot jar
 * @param bench this module's Boot jar (limit servers)
 * @param driver this module's thin jar loaded into a peer to drive its mesh in-process
 */
public record Jars(Path tracker, Path peer, Path bench, Path driver) {

	/**
	 * Finds the jars under a repository root.
	 * @param root the repository root
	 * @return the jars
	 * @throws IOException when one is missing (build with
	 * {@code ./mvnw -B package -DskipTests})
	 */
	public static Jars find(Path root) throws IOException {
		return new Jars(bootJar(root.resolve("tracker-service/target"), "tracker-service-"),
				bootJar(root.resolve("peer-service/target"), "peer-service-"),
				existing(root.resolve("benchmarks/target/benchmarks.jar")),
				existing(root.resolve("benchmarks/target/benchmarks-driver.jar")));
	}

	private static Path bootJar(Path dir, String prefix) throws IOException {
		if (Files.isDirectory(dir)) {
			try (Stream<Path> files = Files.list(dir)) {
				var found = files
					.filter((p) -> p.getFileName().toString().startsWith(prefix)
							&& p.getFileName().toString().endsWith(".jar"))
					.filter((p) -> !p.getFileName().toString().matches(".*-(plain|sources|javadoc|tests)\\.jar"))
					.findFirst();
				if (found.isPresent()) {
					return found.get().toAbsolutePath();
				}
			}
		}
		throw new IOException("no " + prefix + "*.jar in " + dir + ": run ./mvnw -B package -DskipTests first");
	}

	private static Path existing(Path path) throws IOException {
		if (!Files.isRegularFile(path)) {
			throw new IOException("missing " + path + ": run ./mvnw -B -pl benchmarks package first");
		}
		return path.toAbsolutePath();
	}

	/** The {@code Start-Class} of the peer's Boot jar. */
	public String peerStartClass() throws IOException {
		try (var jar = new JarFile(this.peer.toFile())) {
			return jar.getManifest().getMainAttributes().getValue("Start-Class");
		}
	}

}
