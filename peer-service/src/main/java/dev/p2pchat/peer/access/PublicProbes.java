package dev.p2pchat.peer.access;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Set;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

/**
 * The public health probes answer a request with an empty, stale or foreign credential as
 * they answer one without: the {@code Authorization} header is hidden from the security
 * chain unless it carries the owner's token (which still shows the details). A monitoring
 * probe configured with an old token is not shut out of a public endpoint by a 401. Runs
 * just before Spring Security's chain.
 */
final class PublicProbes implements Filter {

	static final Set<String> PATHS = Set.of("/actuator/health", "/actuator/health/liveness",
			"/actuator/health/readiness");

	private final ApiToken token;

	PublicProbes(ApiToken token) {
		this.token = token;
	}

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		var http = (HttpServletRequest) request;
		String authorization = http.getHeader(HttpHeaders.AUTHORIZATION);
		if (authorization != null && PATHS.contains(http.getRequestURI()) && !isOwner(authorization)) {
			chain.doFilter(new WithoutAuthorization(http), response);
			return;
		}
		chain.doFilter(request, response);
	}

	private boolean isOwner(String authorization) {
		return authorization.length() > 7 && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
				&& this.token.matches(authorization.substring(7).strip());
	}

	/** The request as if it came without {@code Authorization}. */
	private static final class WithoutAuthorization extends HttpServletRequestWrapper {

		WithoutAuthorization(HttpServletRequest request) {
			super(request);
		}

		@Override
		public @Nullable String getHeader(String name) {
			return HttpHeaders.AUTHORIZATION.equalsIgnoreCase(name) ? null : super.getHeader(name);
		}

		@Override
		public Enumeration<String> getHeaders(String name) {
			return HttpHeaders.AUTHORIZATION.equalsIgnoreCase(name) ? Collections.emptyEnumeration()
					: super.getHeaders(name);
		}

		@Override
		public Enumeration<String> getHeaderNames() {
			return Collections.enumeration(Collections.list(super.getHeaderNames())
				.stream()
				.filter((header) -> !HttpHeaders.AUTHORIZATION.equalsIgnoreCase(header))
				.toList());
		}

	}

}
