package dev.p2pchat.weblimits;

import java.io.IOException;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.jspecify.annotations.Nullable;

/**
 * A request whose body shows every byte read to a {@link Watcher}, which refuses the body
 * by throwing from the read: how the body size and UTF-8 checks see a body as it is read,
 * without buffering it.
 */
final class WatchedBody extends HttpServletRequestWrapper {

	/** Sees a body's bytes as they are read. Not thread-safe: one per request. */
	interface Watcher {

		void read(byte[] buffer, int offset, int length) throws IOException;

		void ended() throws IOException;

	}

	private final Watcher watcher;

	private @Nullable ServletInputStream stream;

	WatchedBody(HttpServletRequest request, Watcher watcher) {
		super(request);
		this.watcher = watcher;
	}

	@Override
	public ServletInputStream getInputStream() throws IOException {
		if (this.stream == null) {
			this.stream = new WatchedStream(super.getInputStream(), this.watcher);
		}
		return this.stream;
	}

	private static final class WatchedStream extends ServletInputStream {

		private final ServletInputStream delegate;

		private final Watcher watcher;

		private final byte[] one = new byte[1];

		WatchedStream(ServletInputStream delegate, Watcher watcher) {
			this.delegate = delegate;
			this.watcher = watcher;
		}

		@Override
		public int read() throws IOException {
			int b = this.delegate.read();
			if (b < 0) {
				this.watcher.ended();
				return b;
			}
			this.one[0] = (byte) b;
			this.watcher.read(this.one, 0, 1);
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = this.delegate.read(buffer, offset, length);
			if (n < 0) {
				this.watcher.ended();
			}
			else if (n > 0) {
				this.watcher.read(buffer, offset, n);
			}
			return n;
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
