package dev.p2pchat.peer.access;

import java.io.IOException;
import java.net.URI;

import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * Writes {@code application/problem+json} answers from the security layer, where MVC's
 * {@code @RestControllerAdvice} does not reach. Thread-safe.
 */
final class Problems {

	/** Longest piece of a request quoted in an answer or a log line. */
	static final int MAX_QUOTE = 100;

	private final JsonMapper json;

	Problems(JsonMapper json) {
		this.json = json;
	}

	void write(HttpServletResponse response, HttpStatus status, String type, String detail) throws IOException {
		if (response.isCommitted()) {
			return;
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create("urn:p2pchat:" + type));
		response.resetBuffer();
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		this.json.writeValue(response.getOutputStream(), problem);
	}

	/** At most {@link #MAX_QUOTE} characters of untrusted input, marked when cut. */
	static String quote(String input) {
		return (input.length() <= MAX_QUOTE) ? input : input.substring(0, MAX_QUOTE) + "…";
	}

}
