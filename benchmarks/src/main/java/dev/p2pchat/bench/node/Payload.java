package dev.p2pchat.bench.node;

/**
 * One benchmark message as chat text: {@code <run>.<stream>.<seq>.<sendNanos>.} padded
 * with {@code x} to a fixed length, so that every receiver can tell run, origin, order
 * and send time apart without any JSON beyond the message itself.
 *
 * @param run the run the message belongs to; messages of other runs are ignored
 * @param stream the ordered stream (one sending connection or node) the message belongs
 * to
 * @param seq position in its stream, from 0
 * @param sendNanos {@link System#nanoTime()} at sending; comparable across processes of
 * one Linux machine (CLOCK_MONOTONIC)
 */
public record Payload(int run, int stream, int seq, long sendNanos) {

	public Payload {
		if (run < 0 || stream < 0 || seq < 0) {
			throw new IllegalArgumentException("negative run, stream or seq");
		}
	}

	/**
	 * The text of this payload padded to {@code length} characters.
	 * @param length the text length, at least the length of the header
	 * @return the text
	 */
	public String text(int length) {
		var sb = new StringBuilder(Math.max(length, 48));
		sb.append(this.run)
			.append('.')
			.append(this.stream)
			.append('.')
			.append(this.seq)
			.append('.')
			.append(this.sendNanos)
			.append('.');
		while (sb.length() < length) {
			sb.append('x');
		}
		return sb.toString();
	}

	/**
	 * Parses the header of a benchmark text.
	 * @param text the chat text, possibly not a benchmark message
	 * @return the payload, or {@code null} when the text is not one
	 */
	public static @org.jspecify.annotations.Nullable Payload parse(CharSequence text) {
		long[] parts = new long[4];
		int part = 0;
		long value = 0;
		int digits = 0;
		for (int i = 0; i < text.length() && part < 4; i++) {
			char c = text.charAt(i);
			if (c >= '0' && c <= '9') {
				value = value * 10 + (c - '0');
				digits++;
			}
			else if (c == '.' && digits > 0) {
				parts[part++] = value;
				value = 0;
				digits = 0;
			}
			else {
				return null;
			}
		}
		if (part < 4) {
			return null;
		}
		return new Payload((int) parts[0], (int) parts[1], (int) parts[2], parts[3]);
	}

}
