package dev.p2pchat.peer.mesh;

import java.time.Clock;
import java.util.UUID;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

import dev.p2pchat.peer.config.Backoff;
import dev.p2pchat.peer.config.LocalPeer;
import dev.p2pchat.peer.config.PeerProperties;
import dev.p2pchat.link.handshake.LinkHandshake;
import dev.p2pchat.link.identity.Identity;
import dev.p2pchat.peer.tracker.PeerDirectory;

/**
 * Wires the mesh: the {@code /ws/peer} endpoint, the JDK WebSocket client used to dial,
 * frame size limits on both, maintenance and metrics.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class MeshConfig {

	/** Text frames are refused; this only bounds what is read before refusing one. */
	private static final int HANDSHAKE_TEXT_LIMIT = 1024;

	@Bean
	Mesh mesh(PeerProperties properties, Clock clock, PeerDirectory directory, MeterRegistry meters,
			MeshListener listener) {
		var mesh = new Mesh(properties.outbox(), clock,
				new LinkAdmission(properties.maxLinks(), properties.limits().linksPerAddress()), listener);
		directory.addListener(mesh);
		Gauge.builder("p2pchat.links.per.address.max", mesh, Mesh::mostLinksFromOneAddress)
			.description("most accepted links held from one source address")
			.register(meters);
		Gauge.builder("p2pchat.links.live", mesh, Mesh::liveLinks)
			.description("established links to other peers")
			.register(meters);
		Gauge.builder("p2pchat.outbox.depth", mesh, Mesh::outboxDepth)
			.description("messages waiting for acknowledgement, over all recipients")
			.register(meters);
		return mesh;
	}

	@Bean
	LinkMetrics linkMetrics(MeterRegistry meters) {
		return new LinkMetrics(meters);
	}

	@Bean
	HandshakeGate handshakeGate(PeerProperties properties, Clock clock, LinkMetrics metrics) {
		return new HandshakeGate(properties.link().maxHandshakes(), properties.link().maxHandshakesPerAddress(),
				properties.http().maxUpgradesPerSecondPerAddress(), LinkSession.maxSealedFrame(properties.link()),
				clock, metrics);
	}

	@Bean
	LinkSession linkSession(Mesh mesh, LocalPeer self, Identity identity, PeerDirectory directory, HandshakeGate gate,
			Clock clock, PeerProperties properties, LinkMetrics metrics) {
		return new LinkSession(mesh, new Handshake(self, directory), gate, self, identity, clock, properties.link(),
				properties.limits(), UUID.randomUUID().toString(), metrics);
	}

	@Bean
	Dialer dialer(LocalPeer self, PeerDirectory directory, Mesh mesh, LinkSession protocol, Backoff backoff,
			TaskScheduler scheduler, Clock clock, PeerProperties properties, LinkMetrics metrics) {
		var client = new JdkLinkClient(HANDSHAKE_TEXT_LIMIT, LinkSession.maxSealedFrame(properties.link()),
				properties.link().handshakeTimeout());
		var dialer = new Dialer(self, directory, mesh, protocol, client, backoff, scheduler, clock, metrics);
		directory.addListener(dialer);
		return dialer;
	}

	@Bean
	MeshMaintenance meshMaintenance(Mesh mesh, LinkSession protocol, Dialer dialer, PeerProperties properties,
			TaskScheduler scheduler, Clock clock) {
		return new MeshMaintenance(mesh, protocol, dialer, properties.link(), scheduler, clock);
	}

	@Bean
	WebSocketConfigurer linkEndpoint(LinkSession protocol, Dialer dialer, HandshakeGate gate, Clock clock) {
		// any Origin is refused by the gate: no allowed-origins check is needed on top
		return (registry) -> registry.addHandler(new LinkHandler(protocol, clock, null, dialer), "/ws/peer")
			.addInterceptors(gate)
			.setAllowedOriginPatterns("*");
	}

	/**
	 * Every frame is binary (sealed); frames larger than the limit close the link with
	 * 1009 before they reach the handler. An accepted connection starts with buffers
	 * sized for the handshake (Tomcat allocates them as it accepts the upgrade), so a
	 * stranger's upgrade costs a few KB; {@link HandshakeGate#release} gives an
	 * authenticated link the buffer of the largest sealed frame. Text frames are not part
	 * of the protocol: their buffer stays small.
	 */
	@Bean
	ServletServerContainerFactoryBean webSocketContainer() {
		var container = new ServletServerContainerFactoryBean();
		container.setMaxTextMessageBufferSize(HANDSHAKE_TEXT_LIMIT);
		container.setMaxBinaryMessageBufferSize(LinkHandshake.MAX_MESSAGE);
		return container;
	}

}
