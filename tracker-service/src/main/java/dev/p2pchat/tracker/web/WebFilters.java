package dev.p2pchat.tracker.web;

import java.util.ArrayList;
import java.util.List;

import dev.p2pchat.tracker.config.TrackerProperties;
import dev.p2pchat.tracker.registry.PeerRegistry;
import jakarta.servlet.Filter;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.CompositeFilter;

/**
 * Registers the servlet filters that apply to {@code /peers} only.
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

}
