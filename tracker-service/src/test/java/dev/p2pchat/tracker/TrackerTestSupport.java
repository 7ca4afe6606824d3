package dev.p2pchat.tracker;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import dev.p2pchat.tracker.registry.PeerRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Beans and helpers for {@link TrackerServerTest}: the mutable clock, and a plain JDK
 * {@link HttpClient} for requests that must be sent byte for byte (bad input, races).
 */
@TestConfiguration(proxyBeanMethods = false)
public class TrackerTestSupport {

	public static final JsonMapper JSON = JsonMapper.builder().build();

	@Bean
	@Primary
	MutableClock testClock() {
		return MutableClock.startingAt("2026-01-01T00:00:00Z");
	}

	/**
	 * Empties the registry by moving the clock past every lease and sweeping, then past
	 * the name reservations of the departed (at most an hour in tests).
	 */
	public static void clear(MutableClock clock, PeerRegistry registry) {
		clock.advance(registry.lease().plusSeconds(1));
		registry.expireDue();
		clock.advance(Duration.ofHours(1));
		registry.expireDue();
	}

	public static JsonNode json(String body) {
		return JSON.readTree(body);
	}

	/**
	 * A minimal client for exact requests. Registrations are signed with the
	 * {@link TestIdentity} a label names, at the tracker's (test) clock; each gets its
	 * own timestamp, a nanosecond apart, so that no two signatures are alike by accident.
	 */
	public record Http(URI base, Clock clock) {

		private static final AtomicLong NANOS = new AtomicLong();

		public static Http onPort(int port, Clock clock) {
			return new Http(URI.create("http://127.0.0.1:" + port), clock);
		}

		/** A fresh timestamp at the clock's instant. */
		public Instant now() {
			return this.clock.instant().plusNanos(NANOS.incrementAndGet() % 1_000_000);
		}

		private static final HttpClient CLIENT = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.build();

		public HttpResponse<String> send(String method, String path, String contentType, BodyPublisher body,
				String... headers) {
			HttpRequest.Builder request = HttpRequest.newBuilder(this.base.resolve(path))
				.timeout(Duration.ofSeconds(10))
				.method(method, body);
			if (contentType != null) {
				request.header("Content-Type", contentType);
			}
			if (headers.length > 0) {
				request.headers(headers);
			}
			try {
				return CLIENT.send(request.build(), BodyHandlers.ofString());
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

		public HttpResponse<String> postJson(String path, String json, String... headers) {
			return send("POST", path, "application/json", BodyPublishers.ofString(json), headers);
		}

		public HttpResponse<String> patchJson(String path, String json, String... headers) {
			return send("PATCH", path, "application/json", BodyPublishers.ofString(json), headers);
		}

		/** Registers as the identity a label names. */
		public HttpResponse<String> register(String label, String username, String url, String... headers) {
			return postJson("/peers", TestIdentity.named(label).registrationJson(username, url, now()), headers);
		}

		/** Registers as the identity a label names and returns the lease token. */
		public String token(String label, String username, String url, String... headers) {
			HttpResponse<String> response = register(label, username, url, headers);
			if (response.statusCode() != 201) {
				throw new IllegalStateException(
						"registration failed: " + response.statusCode() + " " + response.body());
			}
			return json(response.body()).get("leaseToken").asString();
		}

	}

}
