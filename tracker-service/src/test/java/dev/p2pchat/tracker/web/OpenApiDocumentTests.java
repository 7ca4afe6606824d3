package dev.p2pchat.tracker.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed OpenAPI document, {@code docs/openapi/tracker.json}, is the one springdoc
 * generates from the controllers. When a controller changes, regenerate it with
 * {@code ./mvnw -pl tracker-service test -Dtest=OpenApiDocumentTests -Dopenapi.update=true}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "springdoc.api-docs.enabled=true",
		"p2pchat.peer.username=openapi", "p2pchat.peer.tracker-url=http://127.0.0.1:1", "spring.main.banner-mode=off" })
class OpenApiDocumentTests {

	static final Path COMMITTED = Path.of("..", "docs", "openapi", "tracker.json");

	private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	@LocalServerPort
	private int port;

	@Test
	void documentWhenGeneratedFromTheControllersEqualsTheCommittedOne() throws Exception {
		JsonNode generated = generated();

		if (Boolean.getBoolean("openapi.update")) {
			Files.writeString(COMMITTED, JSON.writeValueAsString(generated) + "\n");
		}

		assertThat(Files.exists(COMMITTED)).as("%s exists", COMMITTED).isTrue();
		assertThat(JSON.readTree(Files.readString(COMMITTED)))
			.as("docs/openapi/tracker.json is out of date: regenerate it with "
					+ "./mvnw -pl tracker-service test -Dtest=OpenApiDocumentTests -Dopenapi.update=true")
			.isEqualTo(generated);
	}

	@Test
	void documentWhenGeneratedNamesEveryCallOfTheApi() throws Exception {
		JsonNode paths = generated().get("paths");

		assertThat(paths.propertyNames()).contains("/peers", "/peers/{peerId}", "/peers/{peerId}/lease",
				"/peers/events");
		assertThat(paths.get("/peers").propertyNames()).contains("get", "post");
		assertThat(paths.get("/peers/{peerId}").propertyNames()).contains("get", "patch", "delete");
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Title {

		@Bean
		OpenAPI info() {
			return new OpenAPI().info(new Info().title("p2p-chat tracker-service")
				.version("1")
				.description(
						"The directory of who is online: registration, leases, the peer list and its event stream. See docs/api.md."));
		}

	}

	/** The document as served, without the test server's address. */
	private JsonNode generated() throws Exception {
		String body;
		try (HttpClient http = HttpClient.newHttpClient()) {
			body = http
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/v3/api-docs")).build(),
						HttpResponse.BodyHandlers.ofString())
				.body();
		}
		ObjectNode document = (ObjectNode) JSON.readTree(body);
		document.remove("servers");
		return document;
	}

}
