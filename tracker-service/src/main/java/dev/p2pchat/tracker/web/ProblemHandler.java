package dev.p2pchat.tracker.web;

import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import dev.p2pchat.tracker.registry.InvalidTokenException;
import dev.p2pchat.tracker.registry.NameTakenException;
import dev.p2pchat.tracker.registry.PeerIdTakenException;
import dev.p2pchat.tracker.registry.PeerNotFoundException;
import lombok.extern.slf4j.Slf4j;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.exc.UnexpectedEndOfInputException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Maps every failure to an {@code application/problem+json} body with a
 * {@code urn:p2pchat:*} type; bad input also gets a {@code field} property naming the
 * offending field ({@code body} when the body as a whole is at fault).
 */
@Slf4j
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

	static final String FIELD = "field";

	@ExceptionHandler
	ProblemDetail on(PeerNotFoundException ex) {
		return problem(HttpStatus.NOT_FOUND, "peer-not-found", ex.getMessage(), "peerId");
	}

	@ExceptionHandler
	ProblemDetail on(NameTakenException ex) {
		return problem(HttpStatus.CONFLICT, "name-taken", ex.getMessage(), "username");
	}

	@ExceptionHandler
	ProblemDetail on(PeerIdTakenException ex) {
		return problem(HttpStatus.CONFLICT, "peer-id-taken", ex.getMessage(), "peerId");
	}

	@ExceptionHandler
	ProblemDetail on(InvalidTokenException ex) {
		return problem(HttpStatus.FORBIDDEN, "forbidden", ex.getMessage(), "Authorization");
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> on(WebExceptions.MissingTokenException ex) {
		return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
			.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
			.body(problem(HttpStatus.UNAUTHORIZED, "unauthorized", ex.getMessage(), "Authorization"));
	}

	@ExceptionHandler
	ProblemDetail on(WebExceptions.InvalidFieldException ex) {
		return problem(HttpStatus.BAD_REQUEST, "invalid-field", ex.getMessage(), ex.field());
	}

	@ExceptionHandler
	ProblemDetail on(Exception ex) {
		log.error("unexpected failure", ex);
		return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "unexpected failure", null);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldError> errors = ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.sorted(Comparator.comparing(FieldError::getField))
			.toList();
		if (errors.isEmpty()) {
			return super.handleMethodArgumentNotValid(ex, headers, status, request);
		}
		FieldError first = errors.getFirst();
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-field",
				first.getField() + " " + first.getDefaultMessage(), first.getField());
		problem.setProperty("errors", errors.stream()
			.map((error) -> Map.of(FIELD, error.getField(), "message", String.valueOf(error.getDefaultMessage())))
			.toList());
		log.debug("invalid request: {}", problem.getDetail());
		return ResponseEntity.badRequest().body(problem);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		WebExceptions.BodyTooLargeException tooLarge = find(ex, WebExceptions.BodyTooLargeException.class);
		if (tooLarge != null) {
			return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
				.body(problem(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", tooLarge.getMessage(), "body"));
		}
		ProblemDetail problem = unreadable(ex);
		log.debug("unreadable request: {}", problem.getDetail());
		return ResponseEntity.badRequest().body(problem);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ResponseEntity<Object> response = super.handleHttpMediaTypeNotSupported(ex, headers, status, request);
		if (response != null && response.getBody() instanceof ProblemDetail problem) {
			problem.setType(type("unsupported-media-type"));
			problem.setProperty(FIELD, "Content-Type");
		}
		return response;
	}

	/** Gives the problems Spring MVC builds itself a type of ours. */
	@Override
	protected ResponseEntity<Object> createResponseEntity(@Nullable Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		if (body instanceof ProblemDetail problem
				&& (problem.getType() == null || "about:blank".equals(problem.getType().toString()))) {
			HttpStatus status = HttpStatus.resolve(statusCode.value());
			String name = (status != null) ? status.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
					: "http-" + statusCode.value();
			problem.setType(type(name));
		}
		return super.createResponseEntity(body, headers, statusCode, request);
	}

	private static ProblemDetail unreadable(HttpMessageNotReadableException ex) {
		UnrecognizedPropertyException unknown = find(ex, UnrecognizedPropertyException.class);
		if (unknown != null) {
			String field = path(unknown);
			return problem(HttpStatus.BAD_REQUEST, "unknown-field", "unknown field '" + field + "'", field);
		}
		if (endsTooEarly(ex)) {
			return problem(HttpStatus.BAD_REQUEST, "malformed-body", "the JSON body ends too early", "body");
		}
		MismatchedInputException mismatch = find(ex, MismatchedInputException.class);
		if (mismatch != null && !mismatch.getPath().isEmpty()) {
			String field = path(mismatch);
			return problem(HttpStatus.BAD_REQUEST, "invalid-field", "field '" + field + "' has the wrong type", field);
		}
		if (mismatch != null) {
			return problem(HttpStatus.BAD_REQUEST, "malformed-body", "the body must be a JSON object", "body");
		}
		JacksonException json = find(ex, JacksonException.class);
		if (json != null) {
			String field = json.getPath().isEmpty() ? currentName(json) : path(json);
			String detail = (json instanceof StreamReadException) ? "malformed JSON" : "unreadable JSON";
			return problem(HttpStatus.BAD_REQUEST, "malformed-body",
					detail + (field.equals("body") ? "" : " at '" + field + "'"), field);
		}
		return problem(HttpStatus.BAD_REQUEST, "malformed-body", "a JSON request body is required", "body");
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

	private static <T extends Throwable> @Nullable T find(Throwable ex, Class<T> type) {
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

	static ProblemDetail problem(HttpStatus status, String type, @Nullable String detail, @Nullable String field) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(type(type));
		if (field != null) {
			problem.setProperty(FIELD, field);
		}
		return problem;
	}

	static URI type(String name) {
		return URI.create("urn:p2pchat:" + name);
	}

}
