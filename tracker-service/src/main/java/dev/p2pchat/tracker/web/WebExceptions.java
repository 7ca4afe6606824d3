package dev.p2pchat.tracker.web;

/**
 * The web layer's own failures, mapped to problems by {@link ProblemHandler}.
 */
final class WebExceptions {

	private WebExceptions() {
	}

	/** The {@code Authorization: Bearer} header is missing or malformed: 401. */
	static final class MissingTokenException extends RuntimeException {

		MissingTokenException() {
			super("this call needs 'Authorization: Bearer <leaseToken>'");
		}

	}

	/** A path or query value is invalid: 400 naming the field. */
	static final class InvalidFieldException extends RuntimeException {

		private final String field;

		InvalidFieldException(String field, String message) {
			super(message);
			this.field = field;
		}

		String field() {
			return this.field;
		}

	}

}
