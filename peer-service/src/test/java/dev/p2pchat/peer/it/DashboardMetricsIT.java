package dev.p2pchat.peer.it;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every metric that docs/ops/grafana-dashboard.json queries is exported by a running
 * tracker or peer on {@code /actuator/prometheus}, with the {@code application} tag the
 * dashboard filters on.
 */
class DashboardMetricsIT {

	private static final Path DASHBOARD = Path.of("..", "docs", "ops", "grafana-dashboard.json");

	/** A metric name in PromQL: an identifier followed by a label selector or a range. */
	private static final Pattern METRIC = Pattern.compile("\\b([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*[{\\[]");

	private static TestChat chat;

	@BeforeAll
	static void startChat() {
		chat = TestChat.start("alice", "bob");
	}

	@AfterAll
	static void stopChat() {
		if (chat != null) {
			chat.close();
		}
	}

	@Test
	void dashboardWhenServicesRunQueriesOnlyMetricsTheyExport() throws Exception {
		TestPeer alice = chat.peer(0);
		assertThat(alice.post("/messages", "{\"text\":\"for the dashboard\"}").getStatusCode().value()).isEqualTo(202);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(alice.get("/actuator/prometheus").getBody())
				.contains("p2pchat_messages_delivery_seconds_count{application=\"peer-service\"} 1"));
		Set<String> queried = queriedMetrics();

		String peer = alice.get("/actuator/prometheus").getBody();
		String tracker = scrape(chat.trackerUrl().resolve("/actuator/prometheus").toString());

		assertThat(queried).contains("p2pchat_messages_delivery_seconds_bucket", "p2pchat_tracker_peers",
				"http_client_requests_seconds_count");
		Set<String> exported = new TreeSet<>(names(peer));
		exported.addAll(names(tracker));
		assertThat(exported).containsAll(queried);
		assertThat(peer).contains("application=\"peer-service\"");
		assertThat(tracker).contains("application=\"tracker-service\"");
	}

	private static Set<String> queriedMetrics() throws Exception {
		JsonNode dashboard = JsonMapper.builder().build().readTree(DASHBOARD.toFile());
		Set<String> names = new TreeSet<>();
		for (JsonNode panel : dashboard.get("panels")) {
			for (JsonNode target : panel.get("targets")) {
				Matcher matcher = METRIC.matcher(target.get("expr").asString());
				while (matcher.find()) {
					names.add(matcher.group(1));
				}
			}
		}
		return names;
	}

	/** The metric names of a Prometheus text exposition. */
	private static Set<String> names(String exposition) {
		Set<String> names = new TreeSet<>();
		for (String line : exposition.split("\n")) {
			if (!line.isEmpty() && !line.startsWith("#")) {
				names.add(line.split("[{ ]", 2)[0]);
			}
		}
		return names;
	}

	private static String scrape(String url) throws Exception {
		try (HttpClient http = HttpClient.newHttpClient()) {
			HttpResponse<String> response = http.send(HttpRequest.newBuilder(java.net.URI.create(url)).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).isEqualTo(200);
			return response.body();
		}
	}

}
