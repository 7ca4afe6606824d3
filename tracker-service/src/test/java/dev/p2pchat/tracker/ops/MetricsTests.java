package dev.p2pchat.tracker.ops;

import dev.p2pchat.tracker.ServerTestBase;

import dev.p2pchat.tracker.TrackerTestSupport;
import dev.p2pchat.tracker.TestIdentity;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live-peer gauge and counters through the actuator, and the other actuator endpoints
 * of SPEC.
 */
class MetricsTests extends ServerTestBase {

	@Autowired
	private RestTestClient client;

	@Test
	void peersGaugeCountsLivePeersInMetricsAndPrometheus() {
		register("m-1", "mia");
		register("m-2", "max");

		this.client.get()
			.uri("/actuator/metrics/p2pchat.tracker.peers")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.measurements[0].value")
			.isEqualTo(2.0);
		String prometheus = this.client.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(String.class)
			.getResponseBody();
		assertThat(prometheus).contains("p2pchat_tracker_peers 2.0")
			.contains("p2pchat_tracker_registrations_total")
			.contains("p2pchat_tracker_departures_total{reason=\"expired\"}");

		TrackerTestSupport.clear(this.clock, this.registry);

		this.client.get()
			.uri("/actuator/metrics/p2pchat.tracker.peers")
			.exchange()
			.expectBody()
			.jsonPath("$.measurements[0].value")
			.isEqualTo(0.0);
	}

	@Test
	void healthGroupsAndInfoAreExposed() {
		this.client.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
		this.client.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
		this.client.get()
			.uri("/actuator/info")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.build.artifact")
			.isEqualTo("tracker-service");
	}

	private void register(String peerId, String username) {
		this.client.post()
			.uri("/peers")
			.contentType(MediaType.APPLICATION_JSON)
			.body(TestIdentity.named(peerId).registration(username, "http://localhost:9301", this.clock.instant()))
			.exchange()
			.expectStatus()
			.isCreated();
	}

}
