package dev.p2pchat.weblimits;

/**
 * Strict UTF-8 (RFC 3629), fed one byte at a time: refuses overlong forms ({@code C0 AF}
 * for "/"), surrogates ({@code ED A0..BF}), code points above U+10FFFF and stray
 * continuation bytes, which lenient decoders turn into characters the checks before them
 * never saw. Not thread-safe: one per stream.
 */
final class Utf8Check {

	private int remaining;

	private int lower = 0x80;

	private int upper = 0xBF;

	/** Whether {@code b} (0–255) may come next. */
	boolean accept(int b) {
		if (this.remaining == 0) {
			if (b < 0x80) {
				return true;
			}
			if (b >= 0xC2 && b <= 0xDF) {
				return expect(1, 0x80, 0xBF);
			}
			if (b >= 0xE0 && b <= 0xEF) {
				return expect(2, (b == 0xE0) ? 0xA0 : 0x80, (b == 0xED) ? 0x9F : 0xBF);
			}
			if (b >= 0xF0 && b <= 0xF4) {
				return expect(3, (b == 0xF0) ? 0x90 : 0x80, (b == 0xF4) ? 0x8F : 0xBF);
			}
			return false;
		}
		if (b < this.lower || b > this.upper) {
			return false;
		}
		this.lower = 0x80;
		this.upper = 0xBF;
		this.remaining--;
		return true;
	}

	/** Whether the bytes so far end on a whole character. */
	boolean complete() {
		return this.remaining == 0;
	}

	private boolean expect(int continuations, int lowest, int highest) {
		this.remaining = continuations;
		this.lower = lowest;
		this.upper = highest;
		return true;
	}

	/**
	 * Whether a request target's path or query, as Tomcat gives it undecoded (one
	 * character per byte), is strictly valid UTF-8 once its {@code %XX} escapes are
	 * decoded; a malformed escape is not.
	 */
	static boolean validTarget(String raw) {
		var check = new Utf8Check();
		for (int i = 0; i < raw.length(); i++) {
			int b = raw.charAt(i);
			if (b == '%') {
				if (i + 2 >= raw.length()) {
					return false;
				}
				int high = Character.digit(raw.charAt(i + 1), 16);
				int low = Character.digit(raw.charAt(i + 2), 16);
				if (high < 0 || low < 0) {
					return false;
				}
				b = (high << 4) | low;
				i += 2;
			}
			if (b > 0xFF || !check.accept(b)) {
				return false;
			}
		}
		return check.complete();
	}

}
