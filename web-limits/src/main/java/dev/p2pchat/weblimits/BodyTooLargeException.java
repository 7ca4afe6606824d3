package dev.p2pchat.weblimits;

import java.io.IOException;

/**
 * Thrown by a {@link BodySizeLimit}ed body's reads past the limit. An IOException, so
 * that it reaches the reader (Jackson, a handler) as a failed read; the service's
 * exception handler answers it 413, and {@link BodySizeLimit} does when it escapes the
 * chain.
 */
public final class BodyTooLargeException extends IOException {

	private final long limit;

	BodyTooLargeException(long limit) {
		super(BodySizeLimit.detail(limit));
		this.limit = limit;
	}

	/**
	 * The limit the body passed.
	 * @return bytes
	 */
	public long limit() {
		return this.limit;
	}

}
