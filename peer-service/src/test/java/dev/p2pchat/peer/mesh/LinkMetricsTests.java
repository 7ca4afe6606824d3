package dev.p2pchat.peer.mesh;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.time.Clock;
import java.util.HashMap;
import java.util.concurrent.CompletionException;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.handler.TextWebSocketHandler;

import static org.assertj.core.api.Assertions.assertThat;

class LinkMetricsTests {

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final LinkMetrics metrics = new LinkMetrics(this.meters);

	@Test
	void startWhenNothingFailedYetRegistersEveryReasonAtZero() {
		assertThat(this.meters.find("p2pchat.links.dial.failures").counters()).hasSize(6)
			.allSatisfy((counter) -> assertThat(counter.count()).isZero());
		assertThat(this.meters.find("p2pchat.links.handshake.failures").counters())
			.extracting((counter) -> counter.getId().getTag("reason"))
			.containsExactlyInAnyOrder("timeout", "bad-signature", "not-listed", "mismatch", "protocol", "too-many",
					"forbidden", "rate-limited");
	}

	@Test
	void dialFailureWhenCauseIsWrappedNamesItsReason() {
		assertThat(LinkMetrics.dialFailure(new CompletionException(new ConnectException("Connection refused"))))
			.isEqualTo(LinkMetrics.DialFailure.REFUSED);
		assertThat(LinkMetrics.dialFailure(new CompletionException(new HttpConnectTimeoutException("slow"))))
			.isEqualTo(LinkMetrics.DialFailure.TIMEOUT);
		assertThat(LinkMetrics.dialFailure(new CompletionException(new UnknownHostException("nowhere.invalid"))))
			.isEqualTo(LinkMetrics.DialFailure.UNREACHABLE);
		assertThat(LinkMetrics.dialFailure(new IllegalStateException("boom"))).isEqualTo(LinkMetrics.DialFailure.OTHER);
	}

	@Test
	void upgradeWhenGateRefusesItCountsTheRefusalByReason() {
		var gate = new HandshakeGate(10, 1, 100, 1024, Clock.systemUTC(), this.metrics);
		var browser = new MockHttpServletRequest("GET", "/ws/peer");
		browser.addHeader("Origin", "http://evil.example");
		var response = new MockHttpServletResponse();

		assertThat(upgrade(gate, browser, response)).isFalse();
		assertThat(response.getStatus()).isEqualTo(403);
		assertThat(upgrade(gate, new MockHttpServletRequest("GET", "/ws/peer"), new MockHttpServletResponse()))
			.isTrue();
		var second = new MockHttpServletResponse();
		assertThat(upgrade(gate, new MockHttpServletRequest("GET", "/ws/peer"), second)).isFalse();
		assertThat(second.getStatus()).isEqualTo(503);

		assertThat(count("forbidden")).isEqualTo(1);
		assertThat(count("too-many")).isEqualTo(1);
		assertThat(count("timeout")).isZero();
	}

	@Test
	void refusedHandshakeWhenUnlistedIsCountedAsNotListedNotByItsText() {
		var refusal = new LinkException(CloseStatus.POLICY_VIOLATION, "peer x is not listed by the tracker",
				LinkMetrics.HandshakeFailure.NOT_LISTED);

		this.metrics.handshakeFailed(refusal.failure());

		assertThat(count("not-listed")).isEqualTo(1);
		assertThat(this.meters.find("p2pchat.links.handshake.failures").counters()).hasSize(8);
	}

	private boolean upgrade(HandshakeGate gate, MockHttpServletRequest request, MockHttpServletResponse response) {
		var serverRequest = new ServletServerHttpRequest(request);
		var serverResponse = new ServletServerHttpResponse(response);
		var handler = new TextWebSocketHandler();
		boolean admitted = gate.beforeHandshake(serverRequest, serverResponse, handler, new HashMap<>());
		if (admitted) {
			// what the container answers an upgrade that happened
			response.setStatus(101);
		}
		gate.afterHandshake(serverRequest, serverResponse, handler, null);
		serverResponse.close();
		return admitted;
	}

	private double count(String reason) {
		return this.meters.get("p2pchat.links.handshake.failures").tag("reason", reason).counter().count();
	}

}
