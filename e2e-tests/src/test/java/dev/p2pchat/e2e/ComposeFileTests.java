package dev.p2pchat.e2e;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static dev.p2pchat.e2e.Manifests.at;
import static dev.p2pchat.e2e.Manifests.list;
import static dev.p2pchat.e2e.Manifests.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads {@code docker-compose.yml} against the services' code: each peer advertises its
 * own service name on the port the peer listens on, finds the tracker by its service
 * name, waits for its health check, and sets only environment variables the peer binds.
 * (The compose smoke test runs the file; this catches a wrong name or port without
 * Docker.)
 */
class ComposeFileTests {

	private static final String PEER_MODULE = "peer-service";

	@Test
	void peersWhenComposedAdvertiseTheirOwnServiceNameAndFindTheTracker() {
		Map<String, Object> services = services();
		ServiceConfig peer = ServiceConfig.of(PEER_MODULE);
		int trackerPort = ServiceConfig.of("tracker-service").port();

		assertThat(services).containsOnlyKeys("tracker", "alice", "bob", "carol");
		for (String name : new String[] { "alice", "bob", "carol" }) {
			Map<String, Object> env = map(at(services.get(name), "environment"));
			assertThat(env).containsEntry("P2PCHAT_PEER_USERNAME", name)
				.containsEntry("P2PCHAT_PEER_ADVERTISED_URL", "http://" + name + ":" + peer.port())
				.containsEntry("P2PCHAT_PEER_TRACKER_URL", "http://tracker:" + trackerPort)
				.containsEntry("P2PCHAT_PEER_API_TOKEN", "dev-token-for-" + name);
			env.keySet()
				.forEach((key) -> assertThat(peer.propertyFor(key)).as("peer-service binds %s", key).isNotNull());
			assertThat(at(services.get(name), "depends_on", "tracker", "condition")).isEqualTo("service_healthy");
			assertThat(at(services.get(name), "build", "args", "MODULE")).isEqualTo(PEER_MODULE);
		}
	}

	@Test
	void peersWhenComposedKeepTheirDataDirectoryInANamedVolumeOfTheirOwn() {
		Map<String, Object> services = services();
		Map<String, Object> volumes = map(compose().get("volumes"));

		for (String name : new String[] { "alice", "bob", "carol" }) {
			String dataDir = (String) at(services.get(name), "environment", "P2PCHAT_PEER_DATA_DIR");
			assertThat(dataDir).isEqualTo("/data");
			assertThat(list(at(services.get(name), "volumes"))).containsExactly(name + "-data:" + dataDir);
			assertThat(volumes).containsKey(name + "-data");
		}
	}

	@Test
	void everyServiceWhenComposedPublishesItsServerPortAndChecksReadiness() {
		Map<String, Object> services = services();

		services.forEach((name, service) -> {
			ServiceConfig config = ServiceConfig.of((String) at(service, "build", "args", "MODULE"));
			assertThat(list(at(service, "ports"))).singleElement()
				.asString()
				.startsWith("127.0.0.1:")
				.endsWith(":" + config.port());
			assertThat(list(at(service, "healthcheck", "test")))
				.contains("http://127.0.0.1:" + config.port() + "/actuator/health/readiness");
			assertThat(at(service, "mem_limit")).isNotNull();
		});
	}

	@Test
	void haFileWhenComposedRunsTwoTrackersOnRedisAndPeersThatKnowBoth() {
		Map<String, Object> services = services("docker-compose.ha.yml");
		ServiceConfig tracker = ServiceConfig.of("tracker-service");
		ServiceConfig peer = ServiceConfig.of(PEER_MODULE);
		int trackerPort = tracker.port();

		assertThat(services).containsOnlyKeys("redis", "tracker-a", "tracker-b", "alice", "bob", "carol");
		assertThat(at(services.get("redis"), "image")).isEqualTo("redis:7");
		for (String name : new String[] { "tracker-a", "tracker-b" }) {
			Map<String, Object> env = map(at(services.get(name), "environment"));
			assertThat(env).containsEntry("P2PCHAT_TRACKER_STORE", "redis")
				.containsEntry("SPRING_DATA_REDIS_URL", "redis://redis:6379");
			assertThat(tracker.propertyFor("P2PCHAT_TRACKER_STORE")).isEqualTo("p2pchat.tracker.store");
			assertThat(at(services.get(name), "depends_on", "redis", "condition")).isEqualTo("service_healthy");
			assertThat(list(at(services.get(name), "healthcheck", "test")))
				.contains("http://127.0.0.1:" + trackerPort + "/actuator/health/readiness");
		}
		assertThat(list(at(services.get("tracker-a"), "ports"))).isNotEqualTo(at(services.get("tracker-b"), "ports"));
		for (String name : new String[] { "alice", "bob", "carol" }) {
			Map<String, Object> env = map(at(services.get(name), "environment"));
			assertThat(env).containsEntry("P2PCHAT_PEER_ADVERTISED_URL", "http://" + name + ":" + peer.port());
			assertThat(((String) env.get("P2PCHAT_PEER_TRACKER_URL")).split(","))
				.containsExactlyInAnyOrder("http://tracker-a:" + trackerPort, "http://tracker-b:" + trackerPort);
			env.keySet()
				.forEach((key) -> assertThat(peer.propertyFor(key)).as("peer-service binds %s", key).isNotNull());
			assertThat(list(at(services.get(name), "healthcheck", "test")))
				.contains("http://127.0.0.1:" + peer.port() + "/actuator/health/readiness");
		}
	}

	private static Map<String, Object> services() {
		return services("docker-compose.yml");
	}

	private static Map<String, Object> services(String file) {
		Map<String, Object> compose = compose(file);
		assertThat(compose).as("version-less, for Compose v1 1.29 and v2 alike").doesNotContainKey("version");
		return map(compose.get("services"));
	}

	private static Map<String, Object> compose() {
		return compose("docker-compose.yml");
	}

	private static Map<String, Object> compose(String file) {
		try (Reader reader = Files.newBufferedReader(Repository.file(file))) {
			return map(new Yaml().load(reader));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
