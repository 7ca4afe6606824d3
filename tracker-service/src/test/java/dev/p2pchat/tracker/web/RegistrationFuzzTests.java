package dev.p2pchat.tracker.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.p2pchat.tracker.TestIdentity;
import dev.p2pchat.tracker.TrackerApplication;
import dev.p2pchat.tracker.TrackerTestSupport;
import dev.p2pchat.link.identity.Base64Url;
import dev.p2pchat.link.identity.PeerId;
import dev.p2pchat.tracker.registry.Peer;
import dev.p2pchat.tracker.registry.PeerFields;
import dev.p2pchat.tracker.registry.PeerRegistry;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property-based fuzzing of {@code POST /peers} against a real tracker on a random port
 * (jqwik runs outside Spring's test context, so the test starts the application itself):
 * random JSON, random bytes and valid registrations with one field mutated never get a
 * 5xx, and the directory never holds a record that breaks SPEC's rules.
 */
class RegistrationFuzzTests {

	private static final List<String> FIELDS = List.of("peerId", "username", "url", "publicKey", "timestamp",
			"signature");

	private static ConfigurableApplicationContext context;

	private static HttpClient client;

	private static URI peers;

	@BeforeContainer
	static void startTracker() {
		context = new SpringApplicationBuilder(TrackerApplication.class).run("--server.port=0",
				"--p2pchat.tracker.rate-limit.registrations=1000000", "--p2pchat.tracker.sybil.per-address=1000000",
				"--p2pchat.tracker.sybil.per-prefix=1000000", "--p2pchat.tracker.log-interval=1h",
				"--spring.main.banner-mode=off");
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		peers = URI.create("http://127.0.0.1:" + port + "/peers");
		client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
	}

	@AfterContainer
	static void stopTracker() {
		if (context != null) {
			context.close();
		}
	}

	@Property(tries = 200)
	void randomJsonNeverGetsA5xxNorStoresAnInvalidRecord(@ForAll("jsonObjects") Map<String, Object> body) {
		int status = post(TrackerTestSupport.JSON.writeValueAsBytes(body));

		assertThat(status).isBetween(400, 499);
		assertDirectoryValid();
	}

	@Property(tries = 200)
	void randomBytesNeverGetA5xx(@ForAll byte[] body) {
		assertThat(post(body)).isBetween(400, 499);
		assertDirectoryValid();
	}

	@Property(tries = 200)
	void aValidRegistrationWithOneFieldChangedIsRefusedOrValid(@ForAll("fields") String field,
			@ForAll("values") String value) {
		TestIdentity identity = TestIdentity.generate();
		Map<String, String> body = new HashMap<>(
				identity.registration("fuzz" + Math.abs(value.hashCode() % 100000), "http://localhost:9000", now()));
		body.put(field, value);

		int status = post(TrackerTestSupport.JSON.writeValueAsBytes(body));

		assertThat(status).isIn(201, 400, 409);
		assertDirectoryValid();
	}

	@Provide
	Arbitrary<Map<String, Object>> jsonObjects() {
		Arbitrary<String> keys = Arbitraries.oneOf(Arbitraries.of(FIELDS), Arbitraries.strings().ofMaxLength(12));
		return Arbitraries.maps(keys, jsonValues(2)).ofMaxSize(8);
	}

	@Provide
	Arbitrary<String> fields() {
		return Arbitraries.of(FIELDS);
	}

	@Provide
	Arbitrary<String> values() {
		return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(80), Arbitraries.strings().withCharRange(' ', '~'),
				Arbitraries.of("", "http://169.254.169.254/", "http://[::]:1", "http://u@h/", "events",
						"2026-01-01T00:00:00Z", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "x".repeat(3000),
						"\ud800", "http://localhost:9000"));
	}

	private static Arbitrary<Object> jsonValues(int depth) {
		Arbitrary<Object> scalars = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(40).map(Object.class::cast),
				Arbitraries.integers().map(Object.class::cast), Arbitraries.of(true, false).map(Object.class::cast),
				Arbitraries.doubles().map(Object.class::cast));
		if (depth == 0) {
			return scalars;
		}
		Arbitrary<Object> lists = jsonValues(depth - 1).list().ofMaxSize(3).map(Object.class::cast);
		Arbitrary<Object> maps = Arbitraries.maps(Arbitraries.strings().ofMaxLength(6), jsonValues(depth - 1))
			.ofMaxSize(3)
			.map(Object.class::cast);
		// scalars three times as often as containers
		return Arbitraries.oneOf(List.of(scalars, scalars, scalars, lists, maps));
	}

	private static Instant now() {
		return context.getBean(java.time.Clock.class).instant();
	}

	/**
	 * Every listed record obeys SPEC: the id is the key's, the url and name are valid.
	 */
	private static void assertDirectoryValid() {
		for (Peer peer : context.getBean(PeerRegistry.class).list().peers()) {
			byte[] key = Base64Url.decode(peer.publicKey(), 32);
			assertThat(key).isNotNull();
			assertThat(PeerId.of(key)).isEqualTo(peer.peerId());
			assertThat(PeerFields.isUsername(peer.username())).isTrue();
			assertThat(HttpUrl.Validator.refusal(peer.url())).isNull();
		}
	}

	private static int post(byte[] body) {
		HttpRequest request = HttpRequest.newBuilder(peers)
			.header("Content-Type", "application/json")
			.timeout(Duration.ofSeconds(10))
			.POST(BodyPublishers.ofByteArray(body))
			.build();
		try {
			HttpResponse<String> response = client.send(request, BodyHandlers.ofString());
			assertThat(response.statusCode()).as(response.body()).isLessThan(500);
			return response.statusCode();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
