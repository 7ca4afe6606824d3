package dev.p2pchat.peer.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationPredicate;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

import dev.p2pchat.peer.config.PeerProperties;

/** Web-layer beans that are not controllers. */
@Configuration(proxyBeanMethods = false)
class WebConfig {

	@Bean
	Gauge streamSubscribers(MessageStream stream, MeterRegistry meters) {
		return Gauge.builder("p2pchat.stream.subscribers", stream, MessageStream::subscribers)
			.description("clients following GET /messages/stream")
			.register(meters);
	}

	@Bean
	ObservationPredicate sendObservationFilter() {
		return new SendObservationFilter();
	}

	/**
	 * Right after Boot's character encoding filter (which sets the request encoding that
	 * MVC reads a JSON body without charset in) and the {@code http.server.requests}
	 * observation filter (which leaves {@code POST /messages} unobserved, whichever way
	 * it is answered), ahead of everything else.
	 */
	@Bean
	FilterRegistrationBean<SendFastPath> sendFastPath(MessageController controller, JsonMapper json,
			PeerProperties properties, MeterRegistry meters) {
		Counter served = Counter.builder("p2pchat.messages.fast-path")
			.description("sends answered by the POST /messages fast path, without Spring MVC")
			.register(meters);
		var registration = new FilterRegistrationBean<>(
				new SendFastPath(controller, json, properties.maxTextLength(), served));
		registration.addUrlPatterns("/messages");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
		return registration;
	}

}
