package dev.p2pchat.peer.web;

import java.net.URI;
import java.util.List;

import lombok.extern.slf4j.Slf4j;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import dev.p2pchat.peer.messaging.InvalidMessageException;
import dev.p2pchat.peer.messaging.StorageException;
import dev.p2pchat.peer.messaging.NotYourMessageException;
import dev.p2pchat.peer.messaging.UnknownMessageException;
import dev.p2pchat.peer.messaging.UnknownRecipientException;
import dev.p2pchat.peer.tracker.KeyChangedException;
import dev.p2pchat.peer.tracker.KeyNotCurrentException;
import dev.p2pchat.peer.tracker.NameTakenException;
import dev.p2pchat.peer.tracker.TrackerUnavailableException;
import dev.p2pchat.weblimits.BodyTooLargeException;

/**
 * Maps every error to {@code application/problem+json} with a {@code urn:p2pchat:} type
 * and, for bad input, the offending {@code field}; logs each once.
 */
@Slf4j
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

	@ExceptionHandler
	ProblemDetail on(InvalidMessageException ex) {
		HttpStatus status = ex.tooLarge() ? HttpStatus.CONTENT_TOO_LARGE : HttpStatus.BAD_REQUEST;
		return withField(problem(status, ex.tooLarge() ? "too-large" : "bad-request", ex.getMessage()), ex.field());
	}

	@ExceptionHandler
	ProblemDetail on(BadRequestException ex) {
		return withField(problem(HttpStatus.BAD_REQUEST, "bad-request", ex.getMessage()), ex.field());
	}

	@ExceptionHandler
	ProblemDetail on(MethodArgumentTypeMismatchException ex) {
		return withField(problem(HttpStatus.BAD_REQUEST, "bad-request", "invalid value for " + ex.getName()),
				ex.getName());
	}

	@ExceptionHandler
	ProblemDetail on(UnknownRecipientException ex) {
		return problem(HttpStatus.NOT_FOUND, "unknown-recipient", ex.getMessage());
	}

	/** Names both keys, so that a client can show them and accept the new one. */
	@ExceptionHandler
	ProblemDetail on(KeyChangedException ex) {
		ProblemDetail problem = problem(HttpStatus.CONFLICT, "key-changed", ex.getMessage());
		problem.setProperty("username", ex.change().username());
		problem.setProperty("oldPeerId", ex.change().oldPeerId());
		problem.setProperty("newPeerId", ex.change().newPeerId());
		return problem;
	}

	@ExceptionHandler
	ProblemDetail on(KeyNotCurrentException ex) {
		return withField(problem(HttpStatus.CONFLICT, "key-not-current", ex.getMessage()), "peerId");
	}

	@ExceptionHandler
	ProblemDetail on(UnknownMessageException ex) {
		return problem(HttpStatus.NOT_FOUND, "unknown-message", ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail on(NotYourMessageException ex) {
		return problem(HttpStatus.FORBIDDEN, "not-yours", ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail on(NotFoundException ex) {
		return problem(HttpStatus.NOT_FOUND, "not-found", ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail on(NameTakenException ex) {
		return problem(HttpStatus.CONFLICT, "name-taken", ex.getMessage());
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> on(StreamFullException ex) {
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, "5")
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem(HttpStatus.SERVICE_UNAVAILABLE, "stream-full", ex.getMessage()));
	}

	/**
	 * 507: not logged per request (the journal logs once when its writes start failing),
	 * and {@code sent} says whether the message was refused outright ({@code false}) or
	 * may still be delivered ({@code "unknown"}).
	 */
	@ExceptionHandler
	ResponseEntity<ProblemDetail> on(StorageException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INSUFFICIENT_STORAGE, ex.getMessage());
		problem.setType(URI.create("urn:p2pchat:" + STORAGE_FULL));
		problem.setProperty("sent", ex.mayBeSent() ? "unknown" : false);
		return ResponseEntity.status(HttpStatus.INSUFFICIENT_STORAGE)
			.header(HttpHeaders.RETRY_AFTER, "5")
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem);
	}

	static final String STORAGE_FULL = "storage-full";

	@ExceptionHandler
	ResponseEntity<ProblemDetail> on(TooManyRenamesException ex) {
		return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
			.header(HttpHeaders.RETRY_AFTER, Long.toString(ex.retryAfterSeconds()))
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem(HttpStatus.TOO_MANY_REQUESTS, "too-many-renames", ex.getMessage()));
	}

	@ExceptionHandler
	ProblemDetail on(TrackerUnavailableException ex) {
		return problem(HttpStatus.SERVICE_UNAVAILABLE, "tracker-unavailable", ex.getMessage());
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		if (causedBy(ex, BodyTooLargeException.class)) {
			ProblemDetail tooLarge = withField(
					problem(HttpStatus.CONTENT_TOO_LARGE, "too-large", ex.getMostSpecificCause().getMessage()), "body");
			headers.set(HttpHeaders.CONNECTION, "close");
			return handleExceptionInternal(ex, tooLarge, headers, HttpStatus.CONTENT_TOO_LARGE, request);
		}
		ProblemDetail body = problem(HttpStatus.BAD_REQUEST, "malformed-body", "malformed or unexpected JSON body");
		String field = fieldOf(ex.getMostSpecificCause());
		if (field != null) {
			withField(body, field);
		}
		return handleExceptionInternal(ex, body, headers, HttpStatus.BAD_REQUEST, request);
	}

	private static boolean causedBy(Throwable ex, Class<? extends Throwable> type) {
		for (Throwable cause = ex; cause != null; cause = (cause.getCause() == cause) ? null : cause.getCause()) {
			if (type.isInstance(cause)) {
				return true;
			}
		}
		return false;
	}

	private static @Nullable String fieldOf(Throwable cause) {
		if (cause instanceof JacksonException jackson) {
			List<JacksonException.Reference> path = jackson.getPath();
			if (!path.isEmpty() && path.getLast().getPropertyName() != null) {
				return path.getLast().getPropertyName();
			}
		}
		return null;
	}

	/** Longest detail: room for a sentence quoting at most ~100 characters of input. */
	private static final int MAX_DETAIL = 200;

	private static ProblemDetail problem(HttpStatus status, String type, @Nullable String detail) {
		if (detail != null && detail.length() > MAX_DETAIL) {
			detail = detail.substring(0, MAX_DETAIL) + "…";
		}
		log.info("{}: {}", status.value(), detail);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create("urn:p2pchat:" + type));
		return problem;
	}

	private static ProblemDetail withField(ProblemDetail problem, String field) {
		problem.setProperty("field", field);
		return problem;
	}

}
