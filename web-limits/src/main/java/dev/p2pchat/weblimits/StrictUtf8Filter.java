package dev.p2pchat.weblimits;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import lombok.extern.slf4j.Slf4j;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.Ordered;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses with 400 problem+json a request whose path or query (raw or {@code %}-escaped)
 * or body is not strictly valid UTF-8 (an overlong {@code %C0%AF} is not read as "/").
 * The address is checked before anything else runs; a UTF-8 body (JSON's default, or
 * declared) as it is read, so that a bad byte stops the reader (Jackson would otherwise
 * decode an overlong form). First in the chain ({@link #registration}).
 */
@Slf4j
public final class StrictUtf8Filter extends OncePerRequestFilter {

	private static final byte[] PROBLEM = ("{\"type\":\"urn:p2pchat:bad-encoding\",\"title\":\"Bad Request\","
			+ "\"status\":400,\"detail\":\"the request is not valid UTF-8 (overlong or malformed bytes)\"}")
		.getBytes(StandardCharsets.UTF_8);

	private final Runnable onRefused;

	/**
	 * A filter that tells {@code onRefused} of every request it refuses.
	 * @param onRefused counts the refusal (the service's {@code bad-encoding} reason)
	 */
	public StrictUtf8Filter(Runnable onRefused) {
		this.onRefused = onRefused;
	}

	/**
	 * The filter, registered after the character encoding and the request observation
	 * (which then counts the 400), before everything else.
	 * @param onRefused counts each refusal
	 * @return the registration to declare as a bean
	 */
	public static FilterRegistrationBean<StrictUtf8Filter> registration(Runnable onRefused) {
		var registration = new FilterRegistrationBean<>(new StrictUtf8Filter(onRefused));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
		return registration;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String query = request.getQueryString();
		if (!Utf8Check.validTarget(request.getRequestURI()) || (query != null && !Utf8Check.validTarget(query))) {
			refuse(response);
			return;
		}
		if (!utf8Body(request)) {
			// read in the charset it declares, where no byte is an overlong form
			chain.doFilter(request, response);
			return;
		}
		try {
			chain.doFilter(new WatchedBody(request, new Checked()), response);
		}
		catch (IOException | ServletException ex) {
			if (!causedByBadBody(ex) || response.isCommitted()) {
				throw ex;
			}
			refuse(response);
		}
	}

	private void refuse(HttpServletResponse response) throws IOException {
		this.onRefused.run();
		log.debug("refused a request that is not valid UTF-8");
		response.resetBuffer();
		response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		response.setContentType("application/problem+json");
		response.setContentLength(PROBLEM.length);
		response.getOutputStream().write(PROBLEM);
	}

	/** Whether the body is UTF-8: JSON's default, unless its type declares another. */
	private static boolean utf8Body(HttpServletRequest request) {
		String type = request.getContentType();
		if (type == null) {
			return true;
		}
		try {
			Charset charset = MediaType.parseMediaType(type).getCharset();
			return charset == null || StandardCharsets.UTF_8.equals(charset);
		}
		catch (InvalidMediaTypeException ex) {
			return true;
		}
	}

	private static boolean causedByBadBody(Throwable failure) {
		Throwable cause = failure;
		for (int depth = 0; cause != null && depth < 10; depth++, cause = cause.getCause()) {
			if (cause instanceof BadUtf8Exception) {
				return true;
			}
		}
		return false;
	}

	/** A body byte that is not strictly valid UTF-8. */
	static final class BadUtf8Exception extends IOException {

		BadUtf8Exception() {
			super("the request body is not valid UTF-8");
		}

	}

	/** Feeds a body's bytes through a strict UTF-8 check. */
	private static final class Checked implements WatchedBody.Watcher {

		private final Utf8Check check = new Utf8Check();

		@Override
		public void read(byte[] buffer, int offset, int length) throws BadUtf8Exception {
			for (int i = offset; i < offset + length; i++) {
				if (!this.check.accept(buffer[i] & 0xFF)) {
					throw new BadUtf8Exception();
				}
			}
		}

		@Override
		public void ended() throws BadUtf8Exception {
			if (!this.check.complete()) {
				throw new BadUtf8Exception();
			}
		}

	}

}
