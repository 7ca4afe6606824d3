package dev.p2pchat.tracker.limits;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.catalina.core.StandardHost;

import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.p2pchat.tracker.config.TrackerProperties;
import dev.p2pchat.weblimits.PerAddressNioProtocol;
import dev.p2pchat.weblimits.StrictUtf8Filter;

/**
 * The bounds that apply before the API: Tomcat's connector with its per-address bound
 * ({@code p2pchat.tracker.http.max-connections-per-address}), Tomcat's refusals as
 * problem+json ({@link ProblemReportValve}), the UTF-8 check first in the filter chain,
 * and the refusal counters. All but the valve are the web-limits module's classes.
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
		return PerAddressNioProtocol.customizer(properties.http().maxConnectionsPerAddress(),
				() -> refusals.refused(Refusals.Reason.CONNECTIONS_PER_ADDRESS));
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
		return StrictUtf8Filter.registration(() -> refusals.refused(Refusals.Reason.BAD_ENCODING));
	}

}
