package dev.p2pchat.tracker.web;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers the servlet filters that apply to one path only.
 */
@Configuration(proxyBeanMethods = false)
class WebFilters {

	/**
	 * {@link NotModifiedFilter} on {@code /peers} alone (exact match), for requests only
	 * (not error or async dispatches), first in the chain.
	 */
	@Bean
	FilterRegistrationBean<NotModifiedFilter> notModifiedFilter(PeerListDocument document) {
		var registration = new FilterRegistrationBean<>(new NotModifiedFilter(document));
		registration.addUrlPatterns(NotModifiedFilter.PATH);
		registration.setOrder(NotModifiedFilter.ORDER);
		return registration;
	}

}
