package dev.p2pchat.peer.web;

import io.micrometer.observation.ObservationPredicate;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Web-layer beans that are not controllers. */
@Configuration(proxyBeanMethods = false)
class WebConfig {

	@Bean
	ObservationPredicate sendObservationFilter() {
		return new SendObservationFilter();
	}

}
