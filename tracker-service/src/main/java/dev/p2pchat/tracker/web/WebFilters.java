package dev.p2pchat.tracker.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import dev.p2pchat.tracker.config.TrackerProperties;
import dev.p2pchat.tracker.registry.PeerRegistry;
import dev.p2pchat.weblimits.BodySizeLimit;
import jakarta.servlet.Filter;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.CompositeFilter;

/**
 * Registers the tracker's servlet filters: the body size limit on every request, and the
 * filters that apply to {@code /peers} only.
 */
@Configuration(proxyBeanMethods = false)
class WebFilters {

	/**
	 * On {@code /peers} and {@code /peers/*}, for requests only (not error or async
	 * dispatches), first in the chain: {@link JoinTokenFilter} when the tracker is a
	 * closed group, then {@link NotModifiedFilter} (which only answers {@code /peers}
	 * itself). One registration keeps their order fixed, ahead of everything else.
	 */
	@Bean
	FilterRegistrationBean<CompositeFilter> peerFilters(PeerListDocument document, TrackerProperties properties,
			PeerRegistry registry, JsonMapper json) {
		List<Filter> filters = new ArrayList<>();
		String joinToken = properties.joinToken();
		if (joinToken != null) {
			filters.add(new JoinTokenFilter(joinToken, registry, json));
		}
		filters.add(new NotModifiedFilter(document));
		CompositeFilter composite = new CompositeFilter();
		composite.setFilters(filters);
		var registration = new FilterRegistrationBean<>(composite);
		registration.addUrlPatterns(NotModifiedFilter.PATH, NotModifiedFilter.PATH + "/*");
		registration.setOrder(NotModifiedFilter.ORDER);
		return registration;
	}

	/**
	 * Bodies over {@code p2pchat.tracker.max-body-size}: 413 {@code payload-too-large}
	 * naming the request, at once when {@code Content-Length} says so; a chunked body's
	 * overflow is {@link ProblemHandler}'s (the same problem, without the instance).
	 */
	@Bean
	FilterRegistrationBean<BodySizeLimit> bodySizeLimit(TrackerProperties properties, JsonMapper json) {
		long limit = properties.maxBodySize().toBytes();
		var registration = new FilterRegistrationBean<>(new BodySizeLimit(limit, json, (request) -> {
			ProblemDetail problem = ProblemHandler.problem(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large",
					BodySizeLimit.detail(limit), "body");
			problem.setInstance(URI.create(request.getRequestURI()));
			return problem;
		}));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

}
