package dev.p2pchat.tracker.web;

import java.io.IOException;
import java.util.Enumeration;

import dev.p2pchat.tracker.registry.StoreUnavailableException;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.core.Ordered;
import org.springframework.http.ETag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * Answers a revalidation of the peer list ({@code GET} or {@code HEAD /peers} whose
 * {@code If-None-Match} names the current {@link PeerListDocument} ETag) with a 304
 * before Spring MVC, with the headers {@link PeerController#list()} would send.
 *
 * <p>
 * It matches as Spring's {@code HttpEntityMethodProcessor} does: weak comparison, any tag
 * of any {@code If-None-Match} header, parsed by {@link ETag#parse}; {@code *} matches
 * nothing (Spring answers it with a 200). Everything else goes down the chain untouched,
 * and so does a request this filter cannot be sure of: one with a query string, or whose
 * {@code Accept} does not plainly admit {@code application/json} (MVC answers those, with
 * a 304 or a 406 as before).
 */
final class NotModifiedFilter implements Filter {

	/**
	 * First, ahead of {@code ServerHttpObservationFilter}
	 * ({@code HIGHEST_PRECEDENCE + 1}): the 304s answered here are not in
	 * {@code http.server.requests}.
	 */
	static final int ORDER = Ordered.HIGHEST_PRECEDENCE;

	static final String PATH = "/peers";

	private final PeerListDocument document;

	NotModifiedFilter(PeerListDocument document) {
		this.document = document;
	}

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		if (request instanceof HttpServletRequest http && response instanceof HttpServletResponse answer
				&& answeredNotModifiedIfStoreAnswers(http, answer)) {
			return;
		}
		chain.doFilter(request, response);
	}

	/** A store that cannot answer is left to the controller, which answers 503. */
	private boolean answeredNotModifiedIfStoreAnswers(HttpServletRequest request, HttpServletResponse response) {
		try {
			return answeredNotModified(request, response);
		}
		catch (StoreUnavailableException ex) {
			return false;
		}
	}

	private boolean answeredNotModified(HttpServletRequest request, HttpServletResponse response) {
		Enumeration<String> ifNoneMatch = request.getHeaders(HttpHeaders.IF_NONE_MATCH);
		if (!ifNoneMatch.hasMoreElements() || !isPlainListRequest(request) || !acceptsJson(request)) {
			return false;
		}
		String etag = this.document.current().etag();
		if (!matches(ifNoneMatch, etag)) {
			return false;
		}
		response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
		response.setHeader(HttpHeaders.CACHE_CONTROL, PeerListDocument.CACHE_CONTROL);
		response.setHeader(HttpHeaders.ETAG, etag);
		return true;
	}

	private static boolean isPlainListRequest(HttpServletRequest request) {
		String method = request.getMethod();
		if ((!"GET".equals(method) && !"HEAD".equals(method)) || request.getQueryString() != null) {
			return false;
		}
		String uri = request.getRequestURI();
		String contextPath = request.getContextPath();
		return uri.length() == contextPath.length() + PATH.length() && uri.startsWith(contextPath)
				&& uri.endsWith(PATH);
	}

	/** Whether MVC would surely pick {@code list()}; {@code false} when in doubt. */
	private static boolean acceptsJson(HttpServletRequest request) {
		Enumeration<String> accept = request.getHeaders(HttpHeaders.ACCEPT);
		if (!accept.hasMoreElements()) {
			return true;
		}
		while (accept.hasMoreElements()) {
			String value = accept.nextElement();
			if (MediaType.APPLICATION_JSON_VALUE.equals(value) || MediaType.ALL_VALUE.equals(value)) {
				return true;
			}
			try {
				for (MediaType type : MediaType.parseMediaTypes(value)) {
					if (type.isCompatibleWith(MediaType.APPLICATION_JSON)) {
						return true;
					}
				}
			}
			catch (InvalidMediaTypeException ex) {
				return false;
			}
		}
		return false;
	}

	private static boolean matches(Enumeration<String> ifNoneMatch, String etag) {
		@Nullable ETag current = null;
		while (ifNoneMatch.hasMoreElements()) {
			String value = ifNoneMatch.nextElement();
			if (value.equals(etag)) {
				return true;
			}
			if (current == null) {
				current = ETag.create(etag);
			}
			for (ETag requested : ETag.parse(value)) {
				if (requested.compare(current, false)) {
					return true;
				}
			}
		}
		return false;
	}

}
