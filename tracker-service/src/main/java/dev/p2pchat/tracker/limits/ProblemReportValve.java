package dev.p2pchat.tracker.limits;

import java.io.IOException;
import java.io.Writer;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;

/**
 * Answers what Tomcat refuses before the API runs (a malformed request line, bad header
 * or URL encoding, headers over {@code server.max-http-request-header-size}) as
 * {@code application/problem+json} like the API's own errors, never Tomcat's HTML page.
 * Nothing of the request is quoted back. Answers the application wrote are left alone.
 * (The peer does the same for its connector.)
 */
public final class ProblemReportValve extends ErrorReportValve {

	private static volatile @Nullable Refusals refusals;

	/**
	 * Where the valve counts its refusals; Tomcat makes the valve from its class name.
	 */
	static void countIn(Refusals counter) {
		refusals = counter;
	}

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		Refusals counter = refusals;
		if (counter != null && status < 500) {
			counter.refused(Refusals.Reason.MALFORMED);
		}
		String detail = (status >= 500) ? "the tracker could not answer this request"
				: "the tracker refused this request before reading it: a malformed request line, header or "
						+ "URL encoding, or one over the size limits";
		try {
			response.setContentType("application/problem+json");
			response.setCharacterEncoding("UTF-8");
			Writer writer = response.getReporter();
			if (writer != null) {
				HttpStatus known = HttpStatus.resolve(status);
				String title = (known != null) ? known.getReasonPhrase() : "Error";
				writer.write("{\"type\":\"urn:p2pchat:" + ((status >= 500) ? "server-error" : "bad-request")
						+ "\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\"" + detail + "\"}");
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// the client is gone: nobody to tell
		}
	}

}
