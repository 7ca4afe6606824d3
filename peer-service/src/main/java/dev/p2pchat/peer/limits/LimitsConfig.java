package dev.p2pchat.peer.limits;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.p2pchat.peer.config.PeerProperties;
import dev.p2pchat.weblimits.PerAddressNioProtocol;
import dev.p2pchat.weblimits.StrictUtf8Filter;

/**
 * The bounds that apply before any feature: Tomcat's connector with its per-address bound
 * ({@code p2pchat.peer.http.max-connections-per-address}), the UTF-8 check first in the
 * filter chain, and the refusal counters. The classes are the web-limits module's.
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
		return PerAddressNioProtocol.customizer(properties.http().maxConnectionsPerAddress(),
				() -> refusals.refused(Refusals.Reason.CONNECTIONS_PER_ADDRESS));
	}

	@Bean
	FilterRegistrationBean<StrictUtf8Filter> strictUtf8(Refusals refusals) {
		return StrictUtf8Filter.registration(() -> refusals.refused(Refusals.Reason.BAD_ENCODING));
	}

}
