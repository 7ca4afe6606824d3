package dev.p2pchat.e2e;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a service module really reads, taken from the module itself: its
 * {@code application.properties} and the configuration metadata that the annotation
 * processor generates from its {@code @ConfigurationProperties} records.
 */
record ServiceConfig(String module, Properties defaults, Set<String> properties) {

	/** Spring Boot's own properties that the manifests may set. */
	private static final Set<String> BOOT_PROPERTIES = Set.of("server.port", "logging.structured.format.console");

	static ServiceConfig of(String module) {
		Path moduleDir = Repository.file(module);
		Properties defaults = new Properties();
		try (Reader reader = Files.newBufferedReader(moduleDir.resolve("src/main/resources/application.properties"))) {
			defaults.load(reader);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Path metadata = moduleDir.resolve("target/classes/META-INF/spring-configuration-metadata.json");
		if (!Files.exists(metadata)) {
			throw new IllegalStateException("no " + metadata + ": build " + module + " first (./mvnw -B package)");
		}
		Set<String> properties = new HashSet<>(BOOT_PROPERTIES);
		JsonMapper.builder()
			.build()
			.readTree(metadata.toFile())
			.path("properties")
			.forEach((JsonNode property) -> properties.add(property.path("name").asString()));
		return new ServiceConfig(module, defaults, Set.copyOf(properties));
	}

	int port() {
		return Integer.parseInt(this.defaults.getProperty("server.port"));
	}

	/**
	 * The property an environment variable sets, as Spring's relaxed binding maps it
	 * (e.g. {@code P2PCHAT_PEER_ADVERTISED_URL} sets
	 * {@code p2pchat.peer.advertised-url}), or null.
	 */
	@Nullable String propertyFor(String envName) {
		var environment = new SystemEnvironmentPropertySource(
				StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(envName, "probe"));
		Binder binder = new Binder(ConfigurationPropertySources.from(environment));
		return this.properties.stream()
			.filter((name) -> binder.bind(name, String.class).isBound())
			.findFirst()
			.orElse(null);
	}

}
