package dev.p2pchat.tracker.limits;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses with 400 problem+json a request whose path, query (raw or {@code %}-escaped) or
 * body is not strictly valid UTF-8: the JDK's decoder refuses overlong forms
 * ({@code %C0%AF} is not "/"), surrogates and stray bytes, which Jackson's lenient one
 * would read as characters. The body is checked as it is read.
 */
final class StrictUtf8Filter extends OncePerRequestFilter {

	private static final byte[] PROBLEM = ("{\"type\":\"urn:p2pchat:bad-encoding\",\"title\":\"Bad Request\","
			+ "\"status\":400,\"detail\":\"the request is not valid UTF-8 (overlong or malformed bytes)\"}")
		.getBytes(StandardCharsets.UTF_8);

	private final Refusals refusals;

	StrictUtf8Filter(Refusals refusals) {
		this.refusals = refusals;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String query = request.getQueryString();
		if (!validTarget(request.getRequestURI()) || (query != null && !validTarget(query))) {
			refuse(response);
			return;
		}
		if (!utf8Body(request)) {
			// read in the charset it declares, where no byte is an overlong form
			chain.doFilter(request, response);
			return;
		}
		try {
			chain.doFilter(new CheckedBody(request), response);
		}
		catch (IOException | ServletException ex) {
			if (!badBody(ex) || response.isCommitted()) {
				throw ex;
			}
			refuse(response);
		}
	}

	/**
	 * Whether an undecoded path or query (one character per byte, as Tomcat gives it)
	 * decodes, escapes and all, to strict UTF-8.
	 */
	static boolean validTarget(String raw) {
		var bytes = new ByteArrayOutputStream(raw.length());
		for (int i = 0; i < raw.length(); i++) {
			int b = raw.charAt(i);
			if (b == '%') {
				int high = (i + 2 < raw.length()) ? Character.digit(raw.charAt(i + 1), 16) : -1;
				int low = (i + 2 < raw.length()) ? Character.digit(raw.charAt(i + 2), 16) : -1;
				if (high < 0 || low < 0) {
					return false;
				}
				b = (high << 4) | low;
				i += 2;
			}
			if (b > 0xFF) {
				return false;
			}
			bytes.write(b);
		}
		try {
			strict().decode(ByteBuffer.wrap(bytes.toByteArray()));
			return true;
		}
		catch (CharacterCodingException ex) {
			return false;
		}
	}

	private static CharsetDecoder strict() {
		return StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
	}

	private void refuse(HttpServletResponse response) throws IOException {
		this.refusals.refused(Refusals.Reason.BAD_ENCODING);
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

	private static boolean badBody(Throwable failure) {
		Throwable cause = failure;
		for (int depth = 0; cause != null && depth < 10; depth++, cause = cause.getCause()) {
			if (cause instanceof BadUtf8Exception) {
				return true;
			}
		}
		return false;
	}

	/** A body that is not strictly valid UTF-8. */
	static final class BadUtf8Exception extends IOException {

		BadUtf8Exception() {
			super("the request body is not valid UTF-8");
		}

	}

	private static final class CheckedBody extends HttpServletRequestWrapper {

		private @Nullable ServletInputStream stream;

		CheckedBody(HttpServletRequest request) {
			super(request);
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (this.stream == null) {
				this.stream = new CheckedStream(super.getInputStream());
			}
			return this.stream;
		}

	}

	/**
	 * Feeds every byte read through a strict decoder; a character cut at a read waits.
	 */
	private static final class CheckedStream extends ServletInputStream {

		private final ServletInputStream delegate;

		private final CharsetDecoder decoder = strict();

		private final ByteBuffer pending = ByteBuffer.allocate(4);

		private final CharBuffer chars = CharBuffer.allocate(2);

		private boolean ended;

		CheckedStream(ServletInputStream delegate) {
			this.delegate = delegate;
		}

		@Override
		public int read() throws IOException {
			int b = this.delegate.read();
			if (b < 0) {
				end();
				return b;
			}
			check((byte) b);
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = this.delegate.read(buffer, offset, length);
			if (n < 0) {
				end();
				return n;
			}
			for (int i = offset; i < offset + n; i++) {
				check(buffer[i]);
			}
			return n;
		}

		private void check(byte b) throws BadUtf8Exception {
			this.pending.put(b);
			this.pending.flip();
			this.chars.clear();
			CoderResult result = this.decoder.decode(this.pending, this.chars, false);
			if (result.isError()) {
				throw new BadUtf8Exception();
			}
			this.pending.compact();
		}

		private void end() throws BadUtf8Exception {
			if (this.ended) {
				return;
			}
			this.ended = true;
			this.pending.flip();
			this.chars.clear();
			if (this.decoder.decode(this.pending, this.chars, true).isError() || this.pending.hasRemaining()) {
				throw new BadUtf8Exception();
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
