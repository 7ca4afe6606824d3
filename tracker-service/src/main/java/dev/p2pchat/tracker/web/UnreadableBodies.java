package dev.p2pchat.tracker.web;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.exc.UnexpectedEndOfInputException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;

/**
 * Explains why a request body could not be read, from the Jackson 3 exception in the
 * cause chain: which field, if any, and what kind of failure.
 */
final class UnreadableBodies {

	private UnreadableBodies() {
	}

	static ProblemDetail problem(HttpMessageNotReadableException ex) {
		UnrecognizedPropertyException unknown = find(ex, UnrecognizedPropertyException.class);
		if (unknown != null) {
			String field = path(unknown);
			return ProblemHandler.problem(HttpStatus.BAD_REQUEST, "unknown-field", "unknown field '" + field + "'",
					field);
		}
		if (endsTooEarly(ex)) {
			return ProblemHandler.problem(HttpStatus.BAD_REQUEST, "malformed-body", "the JSON body ends too early",
					"body");
		}
		MismatchedInputException mismatch = find(ex, MismatchedInputException.class);
		if (mismatch != null && !mismatch.getPath().isEmpty()) {
			String field = path(mismatch);
			return ProblemHandler.problem(HttpStatus.BAD_REQUEST, "invalid-field",
					"field '" + field + "' has the wrong type", field);
		}
		if (mismatch != null) {
			return ProblemHandler.problem(HttpStatus.BAD_REQUEST, "malformed-body", "the body must be a JSON object",
					"body");
		}
		JacksonException json = find(ex, JacksonException.class);
		if (json != null) {
			String field = json.getPath().isEmpty() ? currentName(json) : path(json);
			String detail = (json instanceof StreamReadException) ? "malformed JSON" : "unreadable JSON";
			return ProblemHandler.problem(HttpStatus.BAD_REQUEST, "malformed-body",
					detail + (field.equals("body") ? "" : " at '" + field + "'"), field);
		}
		return ProblemHandler.problem(HttpStatus.BAD_REQUEST, "malformed-body", "a JSON request body is required",
				"body");
	}

	/** The dotted path of a Jackson failure: {@code username}, {@code a.b[2].c}. */
	private static String path(JacksonException ex) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		if (ex instanceof UnrecognizedPropertyException unknown
				&& !path.toString().endsWith(unknown.getPropertyName())) {
			path.append(path.isEmpty() ? "" : ".").append(unknown.getPropertyName());
		}
		return path.isEmpty() ? "body" : path.toString();
	}

	/** Jackson reports some truncations only by message, without a dedicated type. */
	private static boolean endsTooEarly(HttpMessageNotReadableException ex) {
		if (find(ex, UnexpectedEndOfInputException.class) != null) {
			return true;
		}
		StreamReadException read = find(ex, StreamReadException.class);
		return read != null && read.getOriginalMessage() != null
				&& read.getOriginalMessage().startsWith("Unexpected end-of-input");
	}

	/** Where the parser stood when the JSON broke: the property being read, if any. */
	private static String currentName(JacksonException ex) {
		if (ex.processor() instanceof JsonParser parser && parser.streamReadContext() != null) {
			String name = parser.streamReadContext().currentName();
			if (name != null && !name.isEmpty()) {
				return name;
			}
		}
		return "body";
	}

	static <T extends Throwable> @Nullable T find(Throwable ex, Class<T> type) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return null;
	}

}
