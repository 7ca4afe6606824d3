package dev.p2pchat.peer.mesh;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.socket.handler.TextWebSocketHandler;

import dev.p2pchat.peer.TestClock;

import static org.assertj.core.api.Assertions.assertThat;

class HandshakeGateTests {

	private final TestClock clock = new TestClock(Instant.ofEpochMilli(1_000_000));

	private final HandshakeGate gate = new HandshakeGate(4, 2, 3, 4096, this.clock,
			new LinkMetrics(new SimpleMeterRegistry()));

	@Test
	void upgradeWhenRefusedWithoutExceptionGivesItsSlotBack() {
		for (int i = 0; i < 10; i++) {
			this.clock.advance(Duration.ofSeconds(1));
			var response = new MockHttpServletResponse();

			assertThat(upgrade("10.0.0.7", response)).isTrue();
			// what Spring answers a POST or a request without Upgrade headers: no
			// exception
			response.setStatus(405);
			this.gate.afterHandshake(null, new ServletServerHttpResponse(response), new TextWebSocketHandler(), null);
		}

		assertThat(this.gate.pending()).isZero();
		assertThat(upgrade("10.0.0.7", new MockHttpServletResponse())).isTrue();
	}

	@Test
	void upgradesWhenOverTheRatePerAddressAreRefusedWith429UntilTheNextSecond() {
		for (int i = 0; i < 3; i++) {
			var response = new MockHttpServletResponse();
			assertThat(upgrade("10.0.0.9", response)).isTrue();
			response.setStatus(405);
			this.gate.afterHandshake(null, new ServletServerHttpResponse(response), new TextWebSocketHandler(), null);
		}
		var refused = new MockHttpServletResponse();

		assertThat(upgrade("10.0.0.9", refused)).isFalse();
		assertThat(refused.getStatus()).isEqualTo(429);
		assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
		assertThat(this.gate.pending()).isZero();
		assertThat(upgrade("10.0.0.10", new MockHttpServletResponse())).as("another address").isTrue();
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(upgrade("10.0.0.9", new MockHttpServletResponse())).as("the next second").isTrue();
	}

	@Test
	void upgradeWhenItHappenedKeepsTheSlotUntilTheLinkAuthenticates() {
		var response = new MockHttpServletResponse();
		upgrade("10.0.0.8", response);
		response.setStatus(101);

		this.gate.afterHandshake(null, new ServletServerHttpResponse(response), new TextWebSocketHandler(), null);

		assertThat(this.gate.pending()).isEqualTo(1);
	}

	@Test
	void upgradesWhenFromOneIpv6PrefixCountTogether() throws Exception {
		assertThat(upgrade("2001:db8::1", new MockHttpServletResponse())).isTrue();
		assertThat(upgrade("2001:db8::2", new MockHttpServletResponse())).isTrue();

		assertThat(upgrade("2001:db8::3", new MockHttpServletResponse())).isFalse();
		assertThat(HandshakeGate.counted(InetAddress.getByName("2001:db8::ffff")))
			.isEqualTo(InetAddress.getByName("2001:db8::"));
	}

	private boolean upgrade(String address, MockHttpServletResponse response) {
		var request = new MockHttpServletRequest("GET", "/ws/peer");
		request.setRemoteAddr(address);
		return this.gate.beforeHandshake(new ServletServerHttpRequest(request), new ServletServerHttpResponse(response),
				new TextWebSocketHandler(), new HashMap<>());
	}

}
