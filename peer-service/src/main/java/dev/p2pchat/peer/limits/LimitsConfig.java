package dev.p2pchat.peer.limits;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

import dev.p2pchat.peer.config.PeerProperties;

/**
 * The bounds that apply before any feature: Tomcat's connector with its per-address bound
 * ({@link PerAddressNioProtocol}), the UTF-8 check first in the filter chain, and the
 * refusal counters.
 */
@Configuration(proxyBeanMethods = false)
class LimitsConfig {

	@Bean
	Refusals refusals(MeterRegistry meters) {
		return new Refusals(meters);
	}

	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> connectionsPerAddress(PeerProperties properties,
			Refusals refusals) {
		int max = properties.http().maxConnectionsPerAddress();
		return (factory) -> {
			factory.setProtocol(PerAddressNioProtocol.class.getName());
			factory.addConnectorCustomizers((connector) -> {
				if (connector.getProtocolHandler() instanceof PerAddressNioProtocol protocol) {
					protocol.setMaxConnectionsPerAddress(max);
					protocol.setOnRefused(() -> refusals.refused(Refusals.Reason.CONNECTIONS_PER_ADDRESS));
				}
			});
		};
	}

	@Bean
	FilterRegistrationBean<StrictUtf8Filter> strictUtf8(Refusals refusals) {
		var registration = new FilterRegistrationBean<>(new StrictUtf8Filter(refusals));
		// after the character encoding and the request observation (which then counts the
		// 400)
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
		return registration;
	}

}
