package dev.p2pchat.peer.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

import dev.p2pchat.peer.messaging.InvalidMessageException;
import dev.p2pchat.peer.messaging.StorageException;
import dev.p2pchat.peer.messaging.UnknownMessageException;
import dev.p2pchat.peer.messaging.UnknownRecipientException;
import dev.p2pchat.peer.tracker.KeyChangedException;

/**
 * Answers the plain valid {@code POST /messages} without Spring MVC: the JSON body read
 * in one go, bound with the app's {@link JsonMapper} as MVC binds it, handed to the
 * controller's own {@link MessageController#send} and answered 202 with the JSON and
 * headers MVC writes for it. Anything else goes on down the filter chain to MVC with the
 * body bytes unchanged, so that every other answer stays the one MVC and the
 * {@link ProblemHandler} give: another content type or charset, an {@code Accept} under
 * which MVC could choose another response type, a body longer than any valid one can be,
 * JSON that does not bind (malformed, unknown field, wrong type, {@code null}), and a
 * send the chat service rejects (empty or too long text, unknown recipient or replied-to
 * message, a reply outside its conversation, a name whose key changed). It rejects those
 * before any side effect, so MVC's second try is the only one that can have any.
 * Thread-safe.
 */
final class SendFastPath implements Filter {

	/** Answers MVC could select for the send, other than {@code application/json}. */
	private static final MediaType JSON_FAMILY = new MediaType("application", "*+json");

	/** {@code Accept} entries for which MVC answers {@code application/json}. */
	private static final List<MediaType> JSON_ANSWERS = List.of(MediaType.ALL, new MediaType("application", "*"),
			MediaType.APPLICATION_JSON);

	private static final MediaType JSON_UTF8 = new MediaType(MediaType.APPLICATION_JSON, StandardCharsets.UTF_8);

	private final MessageController controller;

	private final ObjectReader requests;

	private final ObjectWriter views;

	private final JsonMapper json;

	private final int maxBody;

	private final Counter served;

	/**
	 * @param controller whose {@code send} handles what this path accepts
	 * @param json the mapper MVC reads and writes JSON with
	 * @param maxTextLength longest accepted text, in characters: bodies longer than any
	 * body with such a text (each character escaped, six bytes) go the MVC way
	 * @param served counts the sends this path answers itself
	 */
	SendFastPath(MessageController controller, JsonMapper json, int maxTextLength, Counter served) {
		this.controller = controller;
		this.requests = json.readerFor(Views.SendRequest.class);
		this.views = json.writerFor(Views.MessageView.class);
		this.json = json;
		this.maxBody = maxTextLength * 6 + 1024;
		this.served = served;
	}

	@Override
	public void doFilter(ServletRequest servletRequest, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		var request = (HttpServletRequest) servletRequest;
		if (!"POST".equals(request.getMethod()) || !isJson(request) || !wantsJson(request)
				|| request.getContentLengthLong() > this.maxBody) {
			chain.doFilter(request, response);
			return;
		}
		ReadAheadRequest body = ReadAheadRequest.read(request, this.maxBody);
		byte[] answer;
		try {
			answer = body.whole() ? send(body) : null;
		}
		catch (StorageException ex) {
			// answered here: passed on to MVC it would be sent a second time
			refuse((HttpServletResponse) response, ex);
			return;
		}
		if (answer == null) {
			chain.doFilter(body, response);
			return;
		}
		// counted before the answer is written: once the client has it, the count shows
		// it
		this.served.increment();
		var http = (HttpServletResponse) response;
		http.setStatus(HttpServletResponse.SC_ACCEPTED);
		http.setContentType(MediaType.APPLICATION_JSON_VALUE);
		http.setContentLength(answer.length);
		http.getOutputStream().write(answer);
	}

	/** The 507 that {@code ProblemHandler} gives the MVC way. */
	private void refuse(HttpServletResponse response, StorageException ex) throws IOException {
		ObjectNode problem = this.json.createObjectNode()
			.put("type", "urn:p2pchat:" + ProblemHandler.STORAGE_FULL)
			.put("title", "Insufficient Storage")
			.put("status", 507)
			.put("detail", ex.getMessage())
			.put("instance", "/messages");
		if (ex.mayBeSent()) {
			problem.put("sent", "unknown");
		}
		else {
			problem.put("sent", false);
		}
		byte[] body = this.json.writeValueAsBytes(problem);
		response.setStatus(507);
		response.setHeader(HttpHeaders.RETRY_AFTER, "5");
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
	}

	/** The 202 body, or {@code null} when MVC is to answer. */
	private byte @Nullable [] send(ReadAheadRequest body) {
		Views.SendRequest request;
		try {
			request = this.requests.readValue(body.head(), 0, body.length());
		}
		catch (JacksonException ex) {
			return null;
		}
		if (request == null) {
			return null;
		}
		try {
			return this.views.writeValueAsBytes(this.controller.send(request));
		}
		catch (InvalidMessageException | UnknownRecipientException | UnknownMessageException | KeyChangedException
				| BadRequestException ex) {
			return null;
		}
	}

	/**
	 * Whether the body is JSON that MVC would read as UTF-8: the charset of the
	 * {@code Content-Type}, else the request's encoding (which Boot's character encoding
	 * filter sets).
	 */
	private static boolean isJson(HttpServletRequest request) {
		String contentType = request.getContentType();
		if (contentType == null) {
			return false;
		}
		if (contentType.equals(MediaType.APPLICATION_JSON_VALUE)) {
			return isUtf8(request.getCharacterEncoding());
		}
		try {
			MediaType type = MediaType.parseMediaType(contentType);
			return type.equals(JSON_UTF8)
					|| (type.equals(MediaType.APPLICATION_JSON) && isUtf8(request.getCharacterEncoding()));
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
	}

	private static boolean isUtf8(@Nullable String encoding) {
		return encoding == null || StandardCharsets.UTF_8.name().equalsIgnoreCase(encoding);
	}

	/** Whether MVC would answer the send as {@code application/json}. */
	private static boolean wantsJson(HttpServletRequest request) {
		Enumeration<String> accepts = request.getHeaders(HttpHeaders.ACCEPT);
		if (!accepts.hasMoreElements()) {
			return true;
		}
		boolean json = false;
		while (accepts.hasMoreElements()) {
			try {
				for (MediaType type : MediaType.parseMediaTypes(accepts.nextElement())) {
					if (JSON_ANSWERS.contains(type)) {
						json = true;
					}
					else if (type.isCompatibleWith(MediaType.APPLICATION_JSON) || type.isCompatibleWith(JSON_FAMILY)) {
						return false;
					}
				}
			}
			catch (InvalidMediaTypeException ex) {
				return false;
			}
		}
		return json;
	}

}
