package dev.p2pchat.tracker.web;

import java.net.URI;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.p2pchat.tracker.events.TooManySubscribersException;
import dev.p2pchat.tracker.identity.InvalidProofException;
import dev.p2pchat.tracker.identity.ReplayCacheFullException;
import dev.p2pchat.tracker.limits.Refusals;
import dev.p2pchat.tracker.ratelimit.RateLimitedException;
import dev.p2pchat.tracker.ratelimit.TooManyIdentitiesException;
import dev.p2pchat.tracker.registry.DirectoryFullException;
import dev.p2pchat.tracker.registry.InvalidTokenException;
import dev.p2pchat.tracker.registry.NameReservedException;
import dev.p2pchat.tracker.registry.NameTakenException;
import dev.p2pchat.tracker.registry.PeerIdTakenException;
import dev.p2pchat.tracker.registry.PeerNotFoundException;
import dev.p2pchat.tracker.registry.StoreUnavailableException;
import dev.p2pchat.weblimits.BodyTooLargeException;
import lombok.extern.slf4j.Slf4j;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
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

	private final Refusals refusals;

	ProblemHandler(Refusals refusals) {
		this.refusals = refusals;
	}

	@ExceptionHandler
	ProblemDetail on(PeerNotFoundException ex) {
		return problem(HttpStatus.NOT_FOUND, "peer-not-found", ex.getMessage(), "peerId");
	}

	@ExceptionHandler
	ProblemDetail on(NameTakenException ex) {
		return problem(HttpStatus.CONFLICT, "name-taken", ex.getMessage(), "username");
	}

	@ExceptionHandler
	ProblemDetail on(NameReservedException ex) {
		return problem(HttpStatus.CONFLICT, "name-reserved", ex.getMessage(), "username");
	}

	@ExceptionHandler
	ProblemDetail on(PeerIdTakenException ex) {
		return problem(HttpStatus.CONFLICT, "peer-id-taken", ex.getMessage(), "peerId");
	}

	@ExceptionHandler
	ProblemDetail on(InvalidProofException ex) {
		log.debug("registration refused: {}", ex.reason().type());
		return problem(HttpStatus.BAD_REQUEST, ex.reason().type(), ex.getMessage(), ex.reason().field());
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> on(RateLimitedException ex) {
		this.refusals.refused(Refusals.Reason.RATE_LIMITED);
		return retryLater(HttpStatus.TOO_MANY_REQUESTS, "too-many-requests", ex.getMessage(), ex.retryAfter());
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> on(TooManyIdentitiesException ex) {
		return retryLater(HttpStatus.TOO_MANY_REQUESTS, "too-many-identities", ex.getMessage(), ex.retryAfter());
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> on(ReplayCacheFullException ex) {
		log.warn("replay cache full: refusing registrations for {}", ex.retryAfter());
		return retryLater(HttpStatus.SERVICE_UNAVAILABLE, "busy", ex.getMessage(), ex.retryAfter());
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> on(DirectoryFullException ex) {
		return retryLater(HttpStatus.SERVICE_UNAVAILABLE, "directory-full", ex.getMessage(), Duration.ofSeconds(5));
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> on(TooManySubscribersException ex) {
		return retryLater(HttpStatus.SERVICE_UNAVAILABLE, "too-many-subscribers", ex.getMessage(),
				Duration.ofSeconds(5));
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
	ResponseEntity<ProblemDetail> on(StoreUnavailableException ex) {
		log.warn("store unavailable: {}", ex.getMessage());
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, "1")
			.body(problem(HttpStatus.SERVICE_UNAVAILABLE, "store-unavailable",
					"the tracker's store is unavailable, try again shortly", null));
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
		BodyTooLargeException tooLarge = UnreadableBodies.find(ex, BodyTooLargeException.class);
		if (tooLarge != null) {
			return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
				.body(problem(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", tooLarge.getMessage(), "body"));
		}
		ProblemDetail problem = UnreadableBodies.problem(ex);
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

	private static ResponseEntity<ProblemDetail> retryLater(HttpStatus status, String type, @Nullable String detail,
			Duration retryAfter) {
		return ResponseEntity.status(status)
			.header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds(retryAfter)))
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem(status, type, detail, null));
	}

	/** Whole seconds, rounded up, at least one: the value of a {@code Retry-After}. */
	static long retryAfterSeconds(Duration wait) {
		return Math.max(1, TimeUnit.NANOSECONDS.toSeconds(wait.toNanos() + 999_999_999L));
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
