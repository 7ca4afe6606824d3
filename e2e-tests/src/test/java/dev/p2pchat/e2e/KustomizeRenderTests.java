package dev.p2pchat.e2e;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.p2pchat.e2e.Manifests.at;
import static dev.p2pchat.e2e.Manifests.list;
import static dev.p2pchat.e2e.Manifests.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Renders {@code k8s/} (the base and the local overlay) with {@code kubectl kustomize}
 * and checks the manifests against the services' code: ports, probe paths, the
 * environment variables the services really bind, the peers' stable DNS names, and a
 * locked-down, limited container.
 */
class KustomizeRenderTests {

	private static final Map<String, String> MODULE_OF_IMAGE = Map.of("p2p-chat/tracker-service", "tracker-service",
			"p2p-chat/peer-service", "peer-service");

	/** Environment variables that are no Spring property but are fine to set. */
	private static final List<String> NOT_PROPERTIES = List.of("POD_NAME", "JAVA_TOOL_OPTIONS");

	@ParameterizedTest
	@ValueSource(strings = { "k8s", "k8s/overlays/local" })
	void renderWhenDoneHasTrackerDeploymentAndPeerStatefulSetWithTheirServices(String dir) {
		Manifests manifests = Manifests.render(dir);

		assertThat(manifests.ofKind("Deployment")).extracting((object) -> at(object, "metadata", "name"))
			.containsExactly("tracker");
		assertThat(manifests.ofKind("StatefulSet")).extracting((object) -> at(object, "metadata", "name"))
			.containsExactly("peer");
		var peerSet = manifests.named("StatefulSet", "peer");
		var headless = manifests.named("Service", (String) at(peerSet, "spec", "serviceName"));
		assertThat(at(headless, "spec", "clusterIP")).isEqualTo("None");
		assertThat(at(headless, "spec", "selector")).isEqualTo(at(peerSet, "spec", "selector", "matchLabels"));
		var tracker = manifests.named("Service", "tracker");
		assertThat(at(tracker, "spec", "selector"))
			.isEqualTo(at(manifests.named("Deployment", "tracker"), "spec", "selector", "matchLabels"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "k8s", "k8s/overlays/local" })
	void everyContainerWhenRenderedListensOnTheServicePortWithActuatorProbes(String dir) {
		for (Map<String, Object> container : containers(Manifests.render(dir))) {
			ServiceConfig config = configOf(container);

			assertThat(list(container.get("ports"))).extracting((port) -> at(port, "containerPort"))
				.containsExactly(config.port());
			assertThat(at(container, "livenessProbe", "httpGet", "path")).isEqualTo("/actuator/health/liveness");
			assertThat(at(container, "readinessProbe", "httpGet", "path")).isEqualTo("/actuator/health/readiness");
			assertThat(at(container, "startupProbe", "httpGet", "path")).isEqualTo("/actuator/health/liveness");
			assertThat(config.defaults().getProperty("management.endpoint.health.probes.enabled"))
				.as("%s enables the liveness and readiness groups", config.module())
				.isEqualTo("true");
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "k8s", "k8s/overlays/local" })
	void everyEnvironmentVariableWhenRenderedIsOneTheServiceBinds(String dir) {
		Manifests manifests = Manifests.render(dir);

		for (Map<String, Object> container : containers(manifests)) {
			ServiceConfig config = configOf(container);
			for (String name : envNames(manifests, container)) {
				if (!NOT_PROPERTIES.contains(name)) {
					assertThat(config.propertyFor(name)).as("%s binds %s", config.module(), name).isNotNull();
				}
			}
		}
	}

	@Test
	void peerWhenRenderedAdvertisesItsStableDnsNameAndUsesItsPodNameAsUsername() {
		Manifests manifests = Manifests.render("k8s");
		var peerSet = manifests.named("StatefulSet", "peer");
		var container = map(list(at(peerSet, "spec", "template", "spec", "containers")).getFirst());
		Map<String, Object> env = env(container);
		ServiceConfig config = ServiceConfig.of("peer-service");

		assertThat(at(env.get("POD_NAME"), "valueFrom", "fieldRef", "fieldPath")).isEqualTo("metadata.name");
		assertThat(at(env.get("P2PCHAT_PEER_USERNAME"), "value")).isEqualTo("$(POD_NAME)");
		assertThat(at(env.get("P2PCHAT_PEER_ADVERTISED_URL"), "value"))
			.isEqualTo("http://$(POD_NAME)." + at(peerSet, "spec", "serviceName") + ":" + config.port());
		assertThat(config.propertyFor("P2PCHAT_PEER_ADVERTISED_URL")).isEqualTo("p2pchat.peer.advertised-url");
		assertThat(config.propertyFor("P2PCHAT_PEER_TRACKER_URL")).isEqualTo("p2pchat.peer.tracker-url");
		var trackerService = manifests.named("Service", "tracker");
		var trackerPort = at(list(at(trackerService, "spec", "ports")).getFirst(), "port");
		assertThat(at(manifests.named("ConfigMap", "peer-config"), "data", "P2PCHAT_PEER_TRACKER_URL"))
			.isEqualTo("http://tracker:" + trackerPort);
		assertThat(at(trackerService, "spec", "ports")).asString()
			.contains("port=" + ServiceConfig.of("tracker-service").port());
	}

	@ParameterizedTest
	@ValueSource(strings = { "k8s", "k8s/overlays/local" })
	void peerWhenRenderedKeepsItsDataDirectoryOnAClaimOfItsOwn(String dir) {
		Manifests manifests = Manifests.render(dir);
		var peerSet = manifests.named("StatefulSet", "peer");
		var container = map(list(at(peerSet, "spec", "template", "spec", "containers")).getFirst());

		Object dataDir = at(env(container).get("P2PCHAT_PEER_DATA_DIR"), "value");
		assertThat(ServiceConfig.of("peer-service").propertyFor("P2PCHAT_PEER_DATA_DIR"))
			.isEqualTo("p2pchat.peer.data-dir");
		assertThat(list(at(container, "volumeMounts"))).anySatisfy(
				(mount) -> assertThat(map(mount)).containsEntry("name", "data").containsEntry("mountPath", dataDir));
		var claim = map(list(at(peerSet, "spec", "volumeClaimTemplates")).getFirst());
		assertThat(at(claim, "metadata", "name")).isEqualTo("data");
		assertThat(list(at(claim, "spec", "accessModes"))).containsExactly("ReadWriteOnce");
		assertThat(at(claim, "spec", "resources", "requests", "storage")).isNotNull();
		assertThat(at(container, "securityContext", "readOnlyRootFilesystem")).isEqualTo(true);
	}

	@ParameterizedTest
	@ValueSource(strings = { "k8s", "k8s/overlays/local" })
	void everyContainerWhenRenderedRunsAsNonRootReadOnlyAndLimited(String dir) {
		Manifests manifests = Manifests.render(dir);

		for (Map<String, Object> workload : manifests.ofKind("Deployment", "StatefulSet")) {
			var pod = at(workload, "spec", "template", "spec");
			assertThat(at(pod, "securityContext", "runAsNonRoot")).isEqualTo(true);
			assertThat((Integer) at(pod, "securityContext", "runAsUser")).isPositive();
			for (Object container : list(at(pod, "containers"))) {
				assertThat(at(container, "securityContext", "allowPrivilegeEscalation")).isEqualTo(false);
				assertThat(at(container, "securityContext", "readOnlyRootFilesystem")).isEqualTo(true);
				assertThat(list(at(container, "securityContext", "capabilities", "drop"))).containsExactly("ALL");
				assertThat(map(at(container, "resources", "limits"))).containsKeys("cpu", "memory");
				assertThat(map(at(container, "resources", "requests"))).containsKeys("cpu", "memory");
				assertThat(list(at(container, "volumeMounts"))).extracting((mount) -> at(mount, "mountPath"))
					.as("a writable /tmp for Tomcat and the JVM")
					.contains("/tmp");
			}
		}
	}

	@Test
	void haOverlayWhenRenderedRunsTwoTrackersOnARedisStatefulSetBehindTheTrackerService() {
		Manifests manifests = Manifests.render("k8s/overlays/ha");
		var tracker = manifests.named("Deployment", "tracker");
		var container = map(list(at(tracker, "spec", "template", "spec", "containers")).getFirst());
		Map<String, Object> env = env(container);
		var redis = manifests.named("StatefulSet", "redis");
		var redisService = manifests.named("Service", "redis");
		var redisPort = at(list(at(redisService, "spec", "ports")).getFirst(), "port");

		assertThat(at(tracker, "spec", "replicas")).isEqualTo(2);
		assertThat(at(tracker, "spec", "strategy", "type")).isEqualTo("RollingUpdate");
		assertThat(at(tracker, "spec", "strategy", "rollingUpdate", "maxUnavailable")).isEqualTo(0);
		assertThat(at(env.get("P2PCHAT_TRACKER_STORE"), "value")).isEqualTo("redis");
		assertThat(ServiceConfig.of("tracker-service").propertyFor("P2PCHAT_TRACKER_STORE"))
			.isEqualTo("p2pchat.tracker.store");
		assertThat(at(env.get("SPRING_DATA_REDIS_URL"), "value")).isEqualTo("redis://redis:" + redisPort);
		assertThat(at(redisService, "spec", "selector")).isEqualTo(at(redis, "spec", "selector", "matchLabels"));
		var redisContainer = map(list(at(redis, "spec", "template", "spec", "containers")).getFirst());
		assertThat(redisContainer.get("image")).isEqualTo("redis:7");
		assertThat(list(redisContainer.get("ports"))).extracting((port) -> at(port, "containerPort"))
			.containsExactly(6379);
		assertThat(at(redis, "spec", "template", "spec", "securityContext", "runAsNonRoot")).isEqualTo(true);
		assertThat(at(redisContainer, "securityContext", "readOnlyRootFilesystem")).isEqualTo(true);
		assertThat(map(at(redisContainer, "resources", "limits"))).containsKeys("cpu", "memory");
		assertThat(at(manifests.named("ConfigMap", "peer-config"), "data", "P2PCHAT_PEER_TRACKER_URL"))
			.isEqualTo("http://tracker:" + ServiceConfig.of("tracker-service").port());
		assertThat(at(manifests.named("Service", "tracker"), "spec", "selector"))
			.isEqualTo(at(tracker, "spec", "selector", "matchLabels"));
	}

	private static List<Map<String, Object>> containers(Manifests manifests) {
		return manifests.ofKind("Deployment", "StatefulSet")
			.stream()
			.flatMap((workload) -> list(at(workload, "spec", "template", "spec", "containers")).stream())
			.map(Manifests::map)
			.toList();
	}

	private static ServiceConfig configOf(Map<String, Object> container) {
		String image = (String) container.get("image");
		String module = MODULE_OF_IMAGE.get(image.replaceFirst(":[^:/]*$", ""));
		assertThat(module).as("image %s is one of the services", image).isNotNull();
		return ServiceConfig.of(module);
	}

	private static Map<String, Object> env(Map<String, Object> container) {
		Map<String, Object> byName = new LinkedHashMap<>();
		list(container.get("env")).forEach((entry) -> byName.put((String) at(entry, "name"), entry));
		return byName;
	}

	/** The names set by {@code env} and by the ConfigMaps of {@code envFrom}. */
	private static List<String> envNames(Manifests manifests, Map<String, Object> container) {
		var names = new ArrayList<>(env(container).keySet());
		for (Object source : list(container.get("envFrom"))) {
			String configMap = (String) at(source, "configMapRef", "name");
			names.addAll(map(at(manifests.named("ConfigMap", configMap), "data")).keySet());
		}
		return names;
	}

}
