package dev.p2pchat.e2e;

import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;

/**
 * Skips the calling test class when no Docker engine can be reached, except on CI
 * ({@code CI=true}), where that fails it: the end-to-end tests must not pass there by not
 * running.
 */
final class DockerRequired {

	private DockerRequired() {
	}

	static void check() {
		check(DockerClientFactory.instance().isDockerAvailable(), Repository.onCi());
	}

	static void check(boolean dockerAvailable, boolean onCi) {
		if (dockerAvailable) {
			return;
		}
		String reason = "no Docker engine for the end-to-end tests (source ../shared/ci/docker-up.sh)";
		if (onCi) {
			throw new IllegalStateException(reason + "; CI=true, so this fails the build");
		}
		Assumptions.abort(reason);
	}

}
