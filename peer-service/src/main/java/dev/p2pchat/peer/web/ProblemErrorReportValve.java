package dev.p2pchat.peer.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Tomcat's own error answers (a malformed request line, an over-long URL, headers over
 * {@code server.max-http-request-header-size}: refused before any servlet runs) as
 * {@code application/problem+json} instead of Tomcat's HTML page. Quotes nothing of the
 * request. Errors the application answered itself are left alone.
 */
public final class ProblemErrorReportValve extends ErrorReportValve {

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		String title = switch (status) {
			case 400 -> "Bad Request";
			case 413 -> "Content Too Large";
			case 414 -> "URI Too Long";
			case 431 -> "Request Header Fields Too Large";
			default -> (status >= 500) ? "Server Error" : "Bad Request";
		};
		String type = (status >= 500) ? "server-error" : "bad-request";
		String body = "{\"type\":\"urn:p2pchat:" + type + "\",\"title\":\"" + title + "\",\"status\":" + status
				+ ",\"detail\":\"the request was refused before it reached the peer: malformed, or over the "
				+ "size limits of its request line or headers\"}";
		try {
			response.setContentType("application/problem+json");
			response.setCharacterEncoding(StandardCharsets.UTF_8.name());
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write(body);
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// the connection is going away: nothing more to tell
		}
	}

}
