package dev.p2pchat.tracker.limits;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.catalina.core.StandardHost;

import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

import dev.p2pchat.tracker.config.TrackerProperties;

/**
 * The bounds that apply before the API: Tomcat's connector with its per-address bound
 * ({@link PerAddressNioProtocol}), Tomcat's refusals as problem+json
 * ({@link ProblemReportValve}), the UTF-8 check first in the filter chain, and the
 * refusal counters.
 */
@Configuration(proxyBeanMethods = false)
class LimitsConfig {

	@Bean
	Refusals refusals(MeterRegistry meters) {
		var refusals = new Refusals(meters);
		ProblemReportValve.countIn(refusals);
		return refusals;
	}

	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> connectionsPerAddress(TrackerProperties properties,
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
	TomcatContextCustomizer problemReports() {
		return (context) -> {
			if (context.getParent() instanceof StandardHost host) {
				host.setErrorReportValveClass(ProblemReportValve.class.getName());
			}
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
