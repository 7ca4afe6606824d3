package dev.p2pchat.e2e;

import java.nio.file.Path;
import java.util.concurrent.Future;

import org.jspecify.annotations.Nullable;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * The two service images, built once per test JVM from the repository's Dockerfile,
 * target {@code runtime-prebuilt}: the build context holds only the Dockerfile, the root
 * pom and the jar that {@code package} built, so nothing is compiled twice. The images
 * are kept (not deleted on exit, so Ryuk leaves them, and a rerun with unchanged jars
 * reuses them); a rebuilt one leaves its predecessor dangling, which
 * {@code docker image prune} clears.
 */
enum ServiceImage {

	TRACKER("tracker-service", 8080), PEER("peer-service", 8081);

	private final String module;

	private final int port;

	private @Nullable Future<String> image;

	ServiceImage(String module, int port) {
		this.module = module;
		this.port = port;
	}

	String module() {
		return this.module;
	}

	/** The port the service listens on in its container. */
	int port() {
		return this.port;
	}

	/** The image name, resolved (built) when a container first needs it. */
	synchronized Future<String> image() {
		if (this.image == null) {
			this.image = build(this.module);
		}
		return this.image;
	}

	private static Future<String> build(String module) {
		Path jar = Repository.serviceJar(module);
		return new ImageFromDockerfile("p2p-chat/" + module + ":e2e", false)
			.withFileFromPath("Dockerfile", Repository.file("Dockerfile"))
			.withFileFromPath("pom.xml", Repository.file("pom.xml"))
			.withFileFromPath(module + "/target/" + jar.getFileName(), jar)
			.withBuildArg("MODULE", module)
			.withTarget("runtime-prebuilt");
	}

}
