package dev.p2pchat.tracker.web;

import dev.p2pchat.tracker.ServerTestBase;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import dev.p2pchat.tracker.TrackerTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import static dev.p2pchat.tracker.TestIdentity.id;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Malformed requests of every kind, sent byte for byte: each gets the right 4xx, an
 * {@code application/problem+json} body naming the offending field, and changes nothing.
 */
class BadInputTests extends ServerTestBase {

	private static final String JSON = "application/json";

	/** A valid url and syntactically valid proof fields (not a valid proof). */
	private static final String OK_URL = "\"url\":\"http://localhost:8081\"," + Proofs.FIELDS;

	/** The proof fields, first in a body that tests the url. */
	private static final String P = "{" + Proofs.FIELDS + ",";

	private String token;

	@BeforeEach
	void registerOnePeer() {
		this.token = this.http.token("victim", "victim", "http://localhost:8089");
	}

	static Stream<BadRequest> badRequests() {
		return Stream.of(
				// peerId
				post("peerId missing", "{\"username\":\"a\"," + OK_URL + "}", 400, "peerId"),
				post("peerId null", "{\"peerId\":null,\"username\":\"a\"," + OK_URL + "}", 400, "peerId"),
				post("peerId empty", "{\"peerId\":\"\",\"username\":\"a\"," + OK_URL + "}", 400, "peerId"),
				post("peerId 65 chars", "{\"peerId\":\"" + "p".repeat(65) + "\",\"username\":\"a\"," + OK_URL + "}",
						400, "peerId"),
				post("peerId shadowed by the event stream", "{\"peerId\":\"events\",\"username\":\"a\"," + OK_URL + "}",
						400, "peerId"),
				post("peerId with a space", "{\"peerId\":\"p 1\",\"username\":\"a\"," + OK_URL + "}", 400, "peerId"),
				post("peerId with a dot", "{\"peerId\":\"p.1\",\"username\":\"a\"," + OK_URL + "}", 400, "peerId"),
				post("peerId non-ASCII", "{\"peerId\":\"p\u00e9\",\"username\":\"a\"," + OK_URL + "}", 400, "peerId"),
				post("peerId a number", "{\"peerId\":42,\"username\":\"a\"," + OK_URL + "}", 400, "peerId"),
				// username
				post("username missing", "{\"peerId\":\"p1\"," + OK_URL + "}", 400, "username"),
				post("username null", "{\"peerId\":\"p1\",\"username\":null," + OK_URL + "}", 400, "username"),
				post("username empty", "{\"peerId\":\"p1\",\"username\":\"\"," + OK_URL + "}", 400, "username"),
				post("username 33 chars", "{\"peerId\":\"p1\",\"username\":\"" + "u".repeat(33) + "\"," + OK_URL + "}",
						400, "username"),
				post("username with a space", "{\"peerId\":\"p1\",\"username\":\"al ice\"," + OK_URL + "}", 400,
						"username"),
				post("username with @", "{\"peerId\":\"p1\",\"username\":\"al@ice\"," + OK_URL + "}", 400, "username"),
				post("username a number", "{\"peerId\":\"p1\",\"username\":7," + OK_URL + "}", 400, "username"),
				post("username a boolean", "{\"peerId\":\"p1\",\"username\":true," + OK_URL + "}", 400, "username"),
				post("username an object", "{\"peerId\":\"p1\",\"username\":{}," + OK_URL + "}", 400, "username"),
				post("username an array", "{\"peerId\":\"p1\",\"username\":[\"a\"]," + OK_URL + "}", 400, "username"),
				// url
				post("url missing", P + "\"peerId\":\"p1\",\"username\":\"a\"}", 400, "url"),
				post("url relative", P + "\"peerId\":\"p1\",\"username\":\"a\",\"url\":\"/peer\"}", 400, "url"),
				post("url ftp", P + "\"peerId\":\"p1\",\"username\":\"a\",\"url\":\"ftp://host/\"}", 400, "url"),
				post("url without host", P + "\"peerId\":\"p1\",\"username\":\"a\",\"url\":\"http://\"}", 400, "url"),
				post("url not a URL", P + "\"peerId\":\"p1\",\"username\":\"a\",\"url\":\"not a url\"}", 400, "url"),
				post("url with user info", P + "\"peerId\":\"p1\",\"username\":\"a\",\"url\":\"http://u:p@host/\"}",
						400, "url"),
				post("url 2049 chars",
						P + "\"peerId\":\"p1\",\"username\":\"a\",\"url\":\"http://h/" + "x".repeat(2040) + "\"}", 400,
						"url"),
				post("url on a link-local address",
						P + "\"peerId\":\"p1\",\"username\":\"a\",\"url\":\"http://169.254.169.254/\"}", 400, "url"),
				post("url on an unspecified address",
						P + "\"peerId\":\"p1\",\"username\":\"a\",\"url\":\"http://[::]:8081\"}", 400, "url"),
				// proof fields
				post("publicKey missing",
						"{\"peerId\":\"p1\",\"username\":\"a\",\"url\":\"http://h\",\"timestamp\":\"t\",\"signature\":\"s\"}",
						400, "publicKey"),
				post("timestamp missing",
						"{\"peerId\":\"p1\",\"username\":\"a\",\"url\":\"http://h\",\"publicKey\":\"k\",\"signature\":\"s\"}",
						400, "timestamp"),
				post("signature missing",
						"{\"peerId\":\"p1\",\"username\":\"a\",\"url\":\"http://h\",\"publicKey\":\"k\",\"timestamp\":\"t\"}",
						400, "signature"),
				post("timestamp a number",
						"{\"peerId\":\"p1\",\"username\":\"a\",\"url\":\"http://h\",\"publicKey\":\"k\",\"timestamp\":1,\"signature\":\"s\"}",
						400, "timestamp"),
				post("signature 129 chars",
						"{\"peerId\":\"p1\",\"username\":\"a\",\"url\":\"http://h\",\"publicKey\":\"k\",\"timestamp\":\"t\",\"signature\":\""
								+ "s".repeat(129) + "\"}",
						400, "signature"),
				post("url a number", P + "\"peerId\":\"p1\",\"username\":\"a\",\"url\":8081}", 400, "url"),
				// the body as a whole
				post("unknown field", "{\"peerId\":\"p1\",\"username\":\"a\"," + OK_URL + ",\"admin\":true}", 400,
						"admin"),
				post("own leaseToken", "{\"peerId\":\"p1\",\"username\":\"a\"," + OK_URL + ",\"leaseToken\":\"x\"}",
						400, "leaseToken"),
				post("malformed JSON, truncated", "{\"peerId\":\"p1\",", 400, "body"),
				post("malformed JSON, missing value", P + "\"peerId\":\"p1\",\"username\":\"a\",\"url\":}", 400, "url"),
				post("malformed JSON, single quotes", "{'peerId':'p1'}", 400, "body"),
				post("duplicate key", "{\"peerId\":\"p1\",\"username\":\"a\",\"username\":\"b\"," + OK_URL + "}", 400,
						"username"),
				post("trailing garbage", "{\"peerId\":\"p1\",\"username\":\"a\"," + OK_URL + "} x", 400, "body"),
				post("array instead of object", "[]", 400, "body"),
				post("string instead of object", "\"p1\"", 400, "body"), post("literal null", "null", 400, "body"),
				post("empty body", "", 400, "body"),
				new BadRequest("text/plain content type", "POST", "/peers", "text/plain",
						string("{\"peerId\":\"p1\",\"username\":\"a\"," + OK_URL + "}"), false, 415, "Content-Type"),
				new BadRequest("application/xml content type", "POST", "/peers", "application/xml", string("<peer/>"),
						false, 415, "Content-Type"),
				new BadRequest("no content type", "POST", "/peers", null,
						string("{\"peerId\":\"p1\",\"username\":\"a\"," + OK_URL + "}"), false, 415, "Content-Type"),
				new BadRequest("17 KiB body with Content-Length", "POST", "/peers", JSON, string(oversize()), false,
						413, "body"),
				new BadRequest("17 KiB chunked body", "POST", "/peers", JSON, chunked(oversize()), false, 413, "body"),
				// rename
				patch("rename: username missing", "{}", 400, "username"),
				patch("rename: username 33 chars", "{\"username\":\"" + "u".repeat(33) + "\"}", 400, "username"),
				patch("rename: username with a slash", "{\"username\":\"a/b\"}", 400, "username"),
				patch("rename: username a number", "{\"username\":5}", 400, "username"),
				patch("rename: unknown field", "{\"username\":\"a\",\"url\":\"http://x\"}", 400, "url"),
				patch("rename: malformed JSON, truncated", "{\"username\":", 400, "body"),
				new BadRequest("rename: text/plain", "PATCH", "/peers/" + id("victim"), "text/plain", string("bob"),
						true, 415, "Content-Type"),
				new BadRequest("rename: 17 KiB body", "PATCH", "/peers/" + id("victim"), JSON, string(oversize()), true,
						413, "body"),
				// path
				new BadRequest("peerId in path invalid", "GET", "/peers/bad!id", null, BodyPublishers.noBody(), false,
						400, "peerId"),
				new BadRequest("peerId in path too long", "PUT", "/peers/" + "p".repeat(65) + "/lease", null,
						BodyPublishers.noBody(), true, 400, "peerId"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badRequests")
	void badRequestGetsProblemNamingTheFieldAndChangesNothing(BadRequest bad) {
		long version = this.registry.list().version();
		String[] headers = bad.authorized() ? new String[] { "Authorization", "Bearer " + this.token } : new String[0];

		HttpResponse<String> response = this.http.send(bad.method(), bad.path(), bad.contentType(), bad.body(),
				headers);

		assertThat(response.statusCode()).as(response.body()).isEqualTo(bad.status());
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		JsonNode problem = TrackerTestSupport.json(response.body());
		assertThat(problem.get("status").asInt()).isEqualTo(bad.status());
		assertThat(problem.get("type").asString()).startsWith("urn:p2pchat:");
		assertThat(problem.get("field").asString()).as(response.body()).isEqualTo(bad.field());
		assertThat(problem.get("detail").asString()).isNotBlank();
		assertThat(this.registry.list().version()).isEqualTo(version);
		assertThat(this.registry.find(id("victim")))
			.hasValueSatisfying((peer) -> assertThat(peer.username()).isEqualTo("victim"));
	}

	private static BadRequest post(String name, String body, int status, String field) {
		return new BadRequest(name, "POST", "/peers", JSON, string(body), false, status, field);
	}

	private static BadRequest patch(String name, String body, int status, String field) {
		return new BadRequest(name, "PATCH", "/peers/" + id("victim"), JSON, string(body), true, status, field);
	}

	private static BodyPublisher string(String body) {
		return BodyPublishers.ofString(body);
	}

	/** No Content-Length: the JDK client sends it chunked. */
	private static BodyPublisher chunked(String body) {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		return BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes));
	}

	/** A well-formed registration padded past 16 KiB. */
	private static String oversize() {
		return "{\"peerId\":\"big\",\"username\":\"big\"," + OK_URL + ",\"pad\":\"" + "x".repeat(17 * 1024) + "\"}";
	}

	/** Syntactically valid proof fields. */
	private static final class Proofs {

		static final String FIELDS = "\"publicKey\":\"k\",\"timestamp\":\"t\",\"signature\":\"s\"";

	}

	/**
	 * One malformed request and what it must get.
	 *
	 * @param name what is wrong
	 * @param method the HTTP method
	 * @param path the path
	 * @param contentType the Content-Type, or null for none
	 * @param body the body
	 * @param authorized whether to send the victim's valid token
	 * @param status the expected status
	 * @param field the expected {@code field} of the problem
	 */
	record BadRequest(String name, String method, String path, String contentType, BodyPublisher body,
			boolean authorized, int status, String field) {

		@Override
		public String toString() {
			return this.name + " -> " + this.status + " " + this.field;
		}

	}

}
