package dev.p2pchat.tracker.limits;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import dev.p2pchat.tracker.MutableClock;
import dev.p2pchat.tracker.TestIdentity;
import dev.p2pchat.tracker.TrackerTestSupport;
import dev.p2pchat.tracker.registry.PeerRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a stranger can make the tracker do before its API runs: Tomcat's own refusals as
 * problem+json, overlong UTF-8 refused, renames rate-limited, connections per address
 * bounded (small bounds here, so the tests stay small).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "p2pchat.tracker.rate-limit.renames=2", "p2pchat.tracker.http.max-connections-per-address=4" })
@Import(TrackerTestSupport.class)
class StrangerLimitsTests {

	@LocalServerPort
	private int port;

	@Autowired
	private MutableClock clock;

	@Autowired
	private PeerRegistry registry;

	private TrackerTestSupport.Http http;

	@BeforeEach
	void emptyRegistry() {
		TrackerTestSupport.clear(this.clock, this.registry);
		this.http = TrackerTestSupport.Http.onPort(this.port, this.clock);
	}

	@Test
	void requestWhenTomcatRefusesItsHeadersIsAnsweredAsProblemJson() throws Exception {
		String answer = exchange("127.0.0.1", "GET /peers HTTP/1.1\r\nHost: 127.0.0.1\r\nNo colon here\r\n\r\n");

		assertThat(answer).startsWith("HTTP/1.1 400").containsIgnoringCase("Content-Type: application/problem+json");
		JsonNode problem = TrackerTestSupport.json(answer.substring(answer.indexOf("\r\n\r\n") + 4));
		assertThat(problem.get("type").asString()).isEqualTo("urn:p2pchat:bad-request");
		assertThat(problem.get("status").asInt()).isEqualTo(400);
		assertThat(answer).doesNotContain("<html");
	}

	@Test
	void requestWhenItsAddressHasOverlongUtf8IsRefusedWith400() throws Exception {
		for (String target : List.of("/peers?x=%C0%AF", "/peers?x=%ED%A0%80", "/peers/%C0%AF", "/peers?x=%zz")) {
			String answer = exchange("127.0.0.1", "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");

			assertThat(answer).as(target).startsWith("HTTP/1.1 400").contains("application/problem+json");
		}
		String raw = exchange("127.0.0.1", "GET /peers?x=\u00c0\u00af HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
		assertThat(raw).startsWith("HTTP/1.1 400").contains("application/problem+json");
	}

	@Test
	void registrationWhenItsBodyHasOverlongUtf8IsRefusedAndNothingIsStored() throws Exception {
		// signed over ".../a/b": a lenient decoder reads the overlong C0 AF as "/", and
		// the
		// proof would verify
		String json = TestIdentity.named("strangers-1")
			.registrationJson("eve", "http://127.0.0.1:9001/a/b", this.http.now())
			.replace("/a/b", "/a\u00c0\u00afb");
		byte[] body = json.getBytes(StandardCharsets.ISO_8859_1);

		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(this.http.base().resolve("/peers"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofByteArray(body))
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(this.registry.list().peers()).isEmpty();
	}

	@Test
	void renameWhenRepeatedPastTheAllowanceIsRefusedWith429AndRetryAfter() {
		String token = this.http.token("strangers-2", "renamer", "http://127.0.0.1:9002");
		String path = "/peers/" + TestIdentity.id("strangers-2");

		assertThat(this.http.patchJson(path, "{\"username\":\"renamer2\"}", "Authorization", "Bearer " + token)
			.statusCode()).isEqualTo(200);
		assertThat(this.http.patchJson(path, "{\"username\":\"renamer3\"}", "Authorization", "Bearer " + token)
			.statusCode()).isEqualTo(200);
		HttpResponse<String> third = this.http.patchJson(path, "{\"username\":\"renamer4\"}", "Authorization",
				"Bearer " + token);

		assertThat(third.statusCode()).isEqualTo(429);
		assertThat(third.headers().firstValue("Retry-After")).isPresent();
		assertThat(TrackerTestSupport.json(third.body()).get("type").asString())
			.isEqualTo("urn:p2pchat:too-many-requests");
		assertThat(this.registry.list().peers()).singleElement()
			.satisfies((peer) -> assertThat(peer.username()).isEqualTo("renamer3"));
	}

	@Test
	void renameWhenCallersWithoutTheLeaseTokenTryDoesNotSpendTheHoldersAllowance() {
		String token = this.http.token("strangers-3", "holder", "http://127.0.0.1:9003");
		String path = "/peers/" + TestIdentity.id("strangers-3");

		for (int i = 0; i < 3; i++) {
			assertThat(this.http
				.patchJson(path, "{\"username\":\"taken" + i + "\"}", "Authorization", "Bearer not-the-lease-token")
				.statusCode()).isEqualTo(403);
		}

		assertThat(this.http.patchJson(path, "{\"username\":\"holder2\"}", "Authorization", "Bearer " + token)
			.statusCode()).isEqualTo(200);
		assertThat(this.http.patchJson(path, "{\"username\":\"holder3\"}", "Authorization", "Bearer " + token)
			.statusCode()).isEqualTo(200);
	}

	@Test
	void connectionsWhenOneAddressOpensMoreThanItsBoundAreClosedAsAcceptedAndOthersAreServed() throws Exception {
		List<Socket> held = new ArrayList<>();
		try {
			for (int i = 0; i < 4; i++) {
				held.add(slow("127.0.0.81"));
			}
			Socket fifth = slow("127.0.0.81");
			held.add(fifth);

			assertThat(closedUnanswered(fifth)).as("the fifth is closed unanswered").isTrue();
			for (Socket socket : held.subList(0, 4)) {
				assertThat(stillOpen(socket)).isTrue();
			}
			assertThat(exchange("127.0.0.82", "GET /peers HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"))
				.startsWith("HTTP/1.1 200");
		}
		finally {
			for (Socket socket : held) {
				socket.close();
			}
		}
		// closed connections count no more
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(exchange("127.0.0.81", "GET /peers HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"))
				.startsWith("HTTP/1.1 200"));
	}

	private Socket slow(String source) throws IOException {
		var socket = new Socket();
		socket.bind(new InetSocketAddress(source, 0));
		socket.connect(new InetSocketAddress("127.0.0.1", this.port), 5_000);
		socket.getOutputStream().write("GET /peers HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: a".getBytes());
		return socket;
	}

	/** The end of the stream, or a reset (the server closed with our bytes unread). */
	private static boolean closedUnanswered(Socket socket) throws IOException {
		socket.setSoTimeout(5_000);
		try {
			return socket.getInputStream().read() == -1;
		}
		catch (SocketTimeoutException ex) {
			return false;
		}
		catch (SocketException ex) {
			return true;
		}
	}

	private static boolean stillOpen(Socket socket) throws IOException {
		socket.setSoTimeout(200);
		try {
			socket.getInputStream().read();
			return false;
		}
		catch (SocketTimeoutException ex) {
			return true;
		}
	}

	/**
	 * Sends one request as bytes (each char one byte) and reads the answer until closed.
	 */
	private String exchange(String source, String request) throws IOException {
		try (var socket = new Socket()) {
			socket.bind(new InetSocketAddress(source, 0));
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 5_000);
			socket.setSoTimeout(10_000);
			String closing = request.replaceFirst("\r\n\r\n$", "\r\nConnection: close\r\n\r\n");
			socket.getOutputStream().write(closing.getBytes(StandardCharsets.ISO_8859_1));
			InputStream in = socket.getInputStream();
			var answer = new ByteArrayOutputStream();
			in.transferTo(answer);
			return answer.toString(StandardCharsets.UTF_8);
		}
	}

}
