package dev.p2pchat.peer.web;

import java.io.IOException;
import java.net.URI;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import lombok.extern.slf4j.Slf4j;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * Refuses request bodies over {@code p2pchat.peer.max-body-size} with a 413 problem: at
 * once, without reading a byte, when {@code Content-Length} says so, and otherwise
 * (chunked bodies) as soon as reading passes the limit. Runs right after the security
 * chain, so that only the owner's requests are read at all. Thread-safe.
 */
@Slf4j
final class BodySizeLimit implements Filter {

	private final long limit;

	private final JsonMapper json;

	BodySizeLimit(long limit, JsonMapper json) {
		this.limit = limit;
		this.json = json;
	}

	@Override
	public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
			throws IOException, ServletException {
		var request = (HttpServletRequest) servletRequest;
		var response = (HttpServletResponse) servletResponse;
		if (request.getContentLengthLong() > this.limit) {
			refuse(request, response);
			return;
		}
		try {
			chain.doFilter(new LimitedRequest(request, this.limit), response);
		}
		catch (BodyTooLargeException ex) {
			refuse(request, response);
		}
	}

	private void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
		log.info("413: a request body over {} bytes to {}", this.limit, request.getMethod());
		if (response.isCommitted()) {
			return;
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
				"the request body is larger than " + this.limit + " bytes");
		problem.setType(URI.create("urn:p2pchat:too-large"));
		problem.setProperty("field", "body");
		response.resetBuffer();
		response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		// the rest of the body is not read: the connection cannot be reused
		response.setHeader("Connection", "close");
		this.json.writeValue(response.getOutputStream(), problem);
	}

	/**
	 * Thrown by a limited body's reads past the limit; {@link ProblemHandler} answers
	 * 413.
	 */
	static final class BodyTooLargeException extends IOException {

		BodyTooLargeException(long limit) {
			super("request body over " + limit + " bytes");
		}

	}

	private static final class LimitedRequest extends HttpServletRequestWrapper {

		private final long limit;

		private @Nullable LimitedInputStream stream;

		LimitedRequest(HttpServletRequest request, long limit) {
			super(request);
			this.limit = limit;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (this.stream == null) {
				this.stream = new LimitedInputStream(super.getInputStream(), this.limit);
			}
			return this.stream;
		}

	}

	private static final class LimitedInputStream extends ServletInputStream {

		private final ServletInputStream delegate;

		private final long limit;

		private long count;

		LimitedInputStream(ServletInputStream delegate, long limit) {
			this.delegate = delegate;
			this.limit = limit;
		}

		@Override
		public int read() throws IOException {
			int b = this.delegate.read();
			if (b >= 0) {
				count(1);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = this.delegate.read(buffer, offset, length);
			if (n > 0) {
				count(n);
			}
			return n;
		}

		private void count(int n) throws IOException {
			this.count += n;
			if (this.count > this.limit) {
				throw new BodyTooLargeException(this.limit);
			}
		}

		@Override
		public boolean isFinished() {
			return this.delegate.isFinished();
		}

		@Override
		public boolean isReady() {
			return this.delegate.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			this.delegate.setReadListener(listener);
		}

	}

}
