package dev.p2pchat.peer.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed OpenAPI document, {@code docs/openapi/peer.json}, is the one springdoc
 * generates from the controllers. When a controller changes, regenerate it with
 * {@code ./mvnw -pl peer-service test -Dtest=OpenApiDocumentTests -Dopenapi.update=true}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "springdoc.api-docs.enabled=true",
		"p2pchat.peer.username=openapi", "p2pchat.peer.tracker-url=http://127.0.0.1:1", "spring.main.banner-mode=off",
		"p2pchat.peer.api-token=" + OpenApiDocumentTests.TOKEN, "p2pchat.peer.data-dir=target/openapi-test-data" })
class OpenApiDocumentTests {

	/** The document is the owner's, like the rest of the API. */
	static final String TOKEN = "openapi-test-owner-token";

	static final Path COMMITTED = Path.of("..", "docs", "openapi", "peer.json");

	private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	@TempDir
	static Path dataDir;

	@DynamicPropertySource
	static void dataDir(DynamicPropertyRegistry registry) {
		registry.add("p2pchat.peer.data-dir", () -> dataDir.toString());
	}

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
			.as("docs/openapi/peer.json is out of date: regenerate it with "
					+ "./mvnw -pl peer-service test -Dtest=OpenApiDocumentTests -Dopenapi.update=true")
			.isEqualTo(generated);
	}

	@Test
	void documentWhenSendIsAnsweredByTheFastPathStillDescribesPostMessages() throws Exception {
		JsonNode send = generated().at("/paths/~1messages/post");

		assertThat(send.isMissingNode()).isFalse();
		assertThat(send.at("/responses/202").isMissingNode()).isFalse();
		assertThat(send.at("/requestBody/content/application~1json").isMissingNode()).isFalse();
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Title {

		@Bean
		OpenAPI info() {
			return new OpenAPI().info(new Info().title("p2p-chat peer-service")
				.version("1")
				.description("One user's peer: messages, live stream, peers, identity. See docs/api.md."));
		}

	}

	/** The document as served, without the test server's address. */
	private JsonNode generated() throws Exception {
		String body;
		try (HttpClient http = HttpClient.newHttpClient()) {
			body = http
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/v3/api-docs"))
					.header("Authorization", "Bearer " + TOKEN)
					.build(), HttpResponse.BodyHandlers.ofString())
				.body();
		}
		ObjectNode document = (ObjectNode) JSON.readTree(body);
		document.remove("servers");
		return document;
	}

}
