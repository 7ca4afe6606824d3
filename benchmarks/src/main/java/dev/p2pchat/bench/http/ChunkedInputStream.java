package dev.p2pchat.bench.http;

import java.io.IOException;
import java.io.InputStream;

/**
 * Removes HTTP/1.1 chunked framing from a response body, returning data as soon as it
 * arrives.
 */
final class ChunkedInputStream extends InputStream {

	private final InputStream in;

	private long left;

	private boolean ended;

	ChunkedInputStream(InputStream in) {
		this.in = in;
	}

	@Override
	public int read() throws IOException {
		byte[] one = new byte[1];
		return (read(one, 0, 1) < 0) ? -1 : (one[0] & 0xff);
	}

	@Override
	public int read(byte[] buffer, int offset, int length) throws IOException {
		if (this.ended) {
			return -1;
		}
		if (this.left == 0) {
			this.left = HttpHead.chunkSize(this.in);
			if (this.left == 0) {
				this.ended = true;
				return -1;
			}
		}
		int n = this.in.read(buffer, offset, (int) Math.min(length, this.left));
		if (n < 0) {
			this.ended = true;
			return -1;
		}
		this.left -= n;
		if (this.left == 0) {
			HttpHead.line(this.in);
		}
		return n;
	}

}
