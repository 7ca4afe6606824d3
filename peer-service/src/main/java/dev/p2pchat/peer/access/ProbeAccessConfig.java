package dev.p2pchat.peer.access;

import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers {@link PublicProbes} right before Spring Security's filter chain. */
@Configuration(proxyBeanMethods = false)
class ProbeAccessConfig {

	@Bean
	FilterRegistrationBean<PublicProbes> publicProbes(ApiToken token) {
		var registration = new FilterRegistrationBean<>(new PublicProbes(token));
		registration.addUrlPatterns(PublicProbes.PATHS.toArray(String[]::new));
		registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 1);
		return registration;
	}

}
