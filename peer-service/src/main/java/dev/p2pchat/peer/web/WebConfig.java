package dev.p2pchat.peer.web;

import java.net.URI;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationPredicate;
import lombok.extern.slf4j.Slf4j;
import org.apache.catalina.core.StandardHost;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import dev.p2pchat.peer.config.PeerProperties;
import dev.p2pchat.weblimits.BodySizeLimit;

/** Web-layer beans that are not controllers. */
@Slf4j
@Configuration(proxyBeanMethods = false)
class WebConfig {

	/** Tomcat's own error answers as problem+json ({@link ProblemErrorReportValve}). */
	@Bean
	TomcatContextCustomizer problemErrorReports() {
		return (context) -> {
			if (context.getParent() instanceof StandardHost host) {
				host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
			}
		};
	}

	/**
	 * Wrong JSON types are errors (found by {@code ApiFuzzIT}: {@code {"text":0}} was
	 * sent as "0"): a number or boolean is not silently turned into a string, and a
	 * repeated key is rejected.
	 */
	@Bean
	JsonMapperBuilderCustomizer strictJson() {
		return (builder) -> builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.withCoercionConfig(LogicalType.Textual,
					(config) -> config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
	}

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

	/** Spring Security's filter chain runs at this order minus one. */
	private static final int AFTER_SECURITY = SecurityFilterProperties.DEFAULT_FILTER_ORDER + 1;

	/**
	 * After Boot's character encoding filter (which sets the request encoding that MVC
	 * reads a JSON body without charset in), the {@code http.server.requests} observation
	 * filter (which leaves {@code POST /messages} unobserved, whichever way it is
	 * answered) and Spring Security's chain (so that it never answers a request the chain
	 * refuses), ahead of everything else.
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
		registration.setOrder(AFTER_SECURITY + 1);
		return registration;
	}

	/**
	 * Bodies over {@code p2pchat.peer.http.max-body-size}: 413 {@code too-large}. Right
	 * after the security chain: only the owner's bodies are read at all.
	 */
	@Bean
	FilterRegistrationBean<BodySizeLimit> bodySizeLimit(PeerProperties properties, JsonMapper json) {
		long limit = properties.http().maxBodySize().toBytes();
		var registration = new FilterRegistrationBean<>(new BodySizeLimit(limit, json, (request) -> {
			log.info("413: a request body over {} bytes to {}", limit, request.getMethod());
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
					BodySizeLimit.detail(limit));
			problem.setType(URI.create("urn:p2pchat:too-large"));
			problem.setProperty("field", "body");
			return problem;
		}));
		registration.setOrder(AFTER_SECURITY);
		return registration;
	}

}
