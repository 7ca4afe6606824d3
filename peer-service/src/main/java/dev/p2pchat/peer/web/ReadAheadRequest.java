package dev.p2pchat.peer.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.jspecify.annotations.Nullable;

/**
 * A request whose body has been read ahead, up to a bound: {@link #getInputStream()} and
 * {@link #getReader()} give the bytes read ahead and then whatever the client still
 * sends, so that the rest of the filter chain sees the body exactly as sent. Blocking
 * reads only. Not thread-safe (like the request it wraps).
 */
final class ReadAheadRequest extends HttpServletRequestWrapper {

	private static final int FIRST_CHUNK = 1024;

	private final byte[] head;

	private final int length;

	private final boolean whole;

	private @Nullable ServletInputStream stream;

	private @Nullable BufferedReader reader;

	private ReadAheadRequest(HttpServletRequest request, byte[] head, int length, boolean whole) {
		super(request);
		this.head = head;
		this.length = length;
		this.whole = whole;
	}

	/**
	 * Reads the body of a request until its end or past {@code max} bytes.
	 * @param request a request whose body nobody has read yet
	 * @param max the most bytes wanted
	 * @return the request with the bytes read; {@link #whole()} when that is the body
	 * @throws IOException when the request's input stream cannot be opened
	 */
	static ReadAheadRequest read(HttpServletRequest request, int max) throws IOException {
		int declared = request.getContentLength();
		ServletInputStream in = request.getInputStream();
		byte[] buffer = new byte[Math.min((declared >= 0) ? declared : FIRST_CHUNK, max + 1)];
		int count = 0;
		boolean end = false;
		try {
			while (!end && count <= max) {
				if (count == declared) {
					end = true;
					break;
				}
				if (count == buffer.length) {
					buffer = Arrays.copyOf(buffer, Math.min(buffer.length * 2, max + 1));
				}
				int read = in.read(buffer, count, buffer.length - count);
				end = read < 0;
				count += Math.max(read, 0);
			}
		}
		catch (IOException ex) {
			// not whole: whoever reads on meets the same failure and answers it
			end = false;
		}
		return new ReadAheadRequest(request, buffer, count, end);
	}

	/** The bytes read ahead, from 0 to {@link #length()}. */
	byte[] head() {
		return this.head;
	}

	int length() {
		return this.length;
	}

	/** Whether the bytes read ahead are the whole body. */
	boolean whole() {
		return this.whole;
	}

	@Override
	public ServletInputStream getInputStream() throws IOException {
		if (this.reader != null) {
			throw new IllegalStateException("getReader() has already been called for this request");
		}
		if (this.stream == null) {
			this.stream = new Replay(super.getInputStream());
		}
		return this.stream;
	}

	@Override
	public BufferedReader getReader() throws IOException {
		if (this.stream != null) {
			throw new IllegalStateException("getInputStream() has already been called for this request");
		}
		if (this.reader == null) {
			this.reader = new BufferedReader(new InputStreamReader(new Replay(super.getInputStream()), charset()));
		}
		return this.reader;
	}

	private Charset charset() throws UnsupportedEncodingException {
		String encoding = getCharacterEncoding();
		try {
			return (encoding != null) ? Charset.forName(encoding) : StandardCharsets.ISO_8859_1;
		}
		catch (IllegalArgumentException ex) {
			throw new UnsupportedEncodingException(encoding);
		}
	}

	/** The bytes read ahead, then the rest of the original stream. */
	private final class Replay extends ServletInputStream {

		private final ServletInputStream rest;

		private int next;

		Replay(ServletInputStream rest) {
			this.rest = rest;
		}

		@Override
		public int read() throws IOException {
			return (this.next < ReadAheadRequest.this.length) ? ReadAheadRequest.this.head[this.next++] & 0xFF
					: this.rest.read();
		}

		@Override
		public int read(byte[] bytes, int offset, int count) throws IOException {
			int left = ReadAheadRequest.this.length - this.next;
			if (left <= 0 || count == 0) {
				return this.rest.read(bytes, offset, count);
			}
			int copied = Math.min(left, count);
			System.arraycopy(ReadAheadRequest.this.head, this.next, bytes, offset, copied);
			this.next += copied;
			return copied;
		}

		@Override
		public boolean isFinished() {
			return this.next >= ReadAheadRequest.this.length && this.rest.isFinished();
		}

		@Override
		public boolean isReady() {
			return this.next < ReadAheadRequest.this.length || this.rest.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			throw new IllegalStateException("a read-ahead body supports blocking reads only");
		}

	}

}
