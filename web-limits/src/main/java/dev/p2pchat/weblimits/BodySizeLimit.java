package dev.p2pchat.weblimits;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies over a limit with a 413 problem: at once, without reading a
 * byte, when {@code Content-Length} says so, and otherwise (chunked bodies) as soon as
 * reading passes the limit: the read throws {@link BodyTooLargeException}, which the
 * service's exception handler answers, or this filter when it escapes the chain. The
 * service says what the problem reads (its type, its instance). The answer closes the
 * connection: the rest of the body is not read. Thread-safe.
 */
public final class BodySizeLimit extends OncePerRequestFilter {

	private final long limit;

	private final JsonMapper json;

	private final Function<HttpServletRequest, ProblemDetail> problem;

	/**
	 * A filter for bodies up to {@code limit} bytes.
	 * @param limit the service's {@code max-body-size}, in bytes
	 * @param json writes the problem
	 * @param problem the 413 problem for a request (detail: see {@link #detail(long)})
	 */
	public BodySizeLimit(long limit, JsonMapper json, Function<HttpServletRequest, ProblemDetail> problem) {
		this.limit = limit;
		this.json = json;
		this.problem = problem;
	}

	/**
	 * The detail both services give a body over the limit.
	 * @param limit bytes
	 * @return the detail
	 */
	public static String detail(long limit) {
		return "the request body is larger than " + limit + " bytes";
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getContentLengthLong() > this.limit) {
			refuse(request, response);
			return;
		}
		try {
			chain.doFilter(new WatchedBody(request, new Counted(this.limit)), response);
		}
		catch (BodyTooLargeException ex) {
			refuse(request, response);
		}
	}

	private void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
		ProblemDetail problem = this.problem.apply(request);
		if (response.isCommitted()) {
			return;
		}
		response.resetBuffer();
		response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8);
		response.setHeader("Connection", "close");
		this.json.writeValue(response.getOutputStream(), problem);
	}

	/** Counts a body's bytes; throws as the count passes the limit. */
	private static final class Counted implements WatchedBody.Watcher {

		private final long limit;

		private long count;

		Counted(long limit) {
			this.limit = limit;
		}

		@Override
		public void read(byte[] buffer, int offset, int length) throws BodyTooLargeException {
			this.count += length;
			if (this.count > this.limit) {
				throw new BodyTooLargeException(this.limit);
			}
		}

		@Override
		public void ended() {
		}

	}

}
