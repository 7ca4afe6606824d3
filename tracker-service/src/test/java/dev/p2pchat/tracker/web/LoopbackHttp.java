package dev.p2pchat.tracker.web;

import java.io.IOException;
import java.net.InetAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;

import dev.p2pchat.tracker.TrackerTestSupport;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests from a chosen loopback address (127.0.0.x), so that tests of per-address
 * limits keep their allowances apart, and the check of a problem answer.
 */
final class LoopbackHttp {

	private LoopbackHttp() {
	}

	static HttpClient clientFrom(String localAddress) {
		try {
			return HttpClient.newBuilder()
				.version(HttpClient.Version.HTTP_1_1)
				.localAddress(InetAddress.getByName(localAddress))
				.build();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static HttpResponse<String> exchange(HttpClient client, HttpRequest request) {
		try {
			return client.send(request, BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Asserts a problem+json answer of that type with a detail, and returns it. */
	static JsonNode assertProblem(HttpResponse<String> response, String type) {
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((value) -> assertThat(value).startsWith("application/problem+json"));
		JsonNode problem = TrackerTestSupport.json(response.body());
		assertThat(problem.get("type").asString()).isEqualTo(type);
		assertThat(problem.get("detail").asString()).isNotBlank();
		return problem;
	}

}
