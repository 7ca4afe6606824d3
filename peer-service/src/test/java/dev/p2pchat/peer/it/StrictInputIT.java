package dev.p2pchat.peer.it;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Input that lenient decoders would read as something else, and renames in a loop: an
 * overlong or malformed UTF-8 address or body is a 400 (never "/"), and renames past
 * {@code p2pchat.peer.http.max-renames-per-minute} (2 here) a 429 with
 * {@code Retry-After}.
 */
class StrictInputIT {

	private static TrackerProcess tracker;

	private static TestPeer alice;

	@BeforeAll
	static void start() {
		tracker = TrackerProcess.start();
		alice = TestPeer.start("alice", tracker.url(), Map.of("p2pchat.peer.http.max-renames-per-minute", 2));
	}

	@AfterAll
	static void stop() {
		if (alice != null) {
			alice.close();
		}
		if (tracker != null) {
			tracker.close();
		}
	}

	@Test
	void requestWhenItsAddressIsNotStrictUtf8IsRefusedWith400ProblemJson() {
		for (String target : new String[] { "/messages?limit=%C0%AF", "/messages?before=%ED%A0%80", "/%C0%AFme",
				"/messages?limit=\u00c0\u00af", "/me\u00c0\u00af" }) {
			String answer = RawHttp.exchange(alice.url(), "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
					+ "Authorization: Bearer " + alice.token() + "\r\nConnection: close\r\n\r\n");

			assertThat(RawHttp.status(answer)).as(target).isEqualTo(400);
			assertThat(answer).as(target).containsIgnoringCase("Content-Type: application/problem+json");
		}
	}

	@Test
	void messageWhenItsBodyHasAnOverlongSlashIsRefusedAndNotStored() {
		String body = "{\"text\":\"over\u00c0\u00aflong\"}";
		String answer = RawHttp.exchange(alice.url(),
				"POST /messages HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + alice.token()
						+ "\r\nContent-Type: application/json\r\nContent-Length: "
						+ body.getBytes(StandardCharsets.ISO_8859_1).length + "\r\nConnection: close\r\n\r\n" + body);

		assertThat(RawHttp.status(answer)).isEqualTo(400);
		assertThat(alice.get("/messages").getBody()).doesNotContain("over/long").doesNotContain("overlong");
	}

	@Test
	void renameWhenRepeatedPastTheAllowanceIsRefusedWith429AndKeepsTheName() {
		assertThat(rename("alice-2")).startsWith("HTTP/1.1 200");
		assertThat(rename("alice-3")).startsWith("HTTP/1.1 200");

		String third = rename("alice-4");

		assertThat(RawHttp.status(third)).isEqualTo(429);
		assertThat(third).containsIgnoringCase("Retry-After: ").contains("too-many-renames");
		assertThat(alice.get("/me").getBody()).contains("\"alice-3\"");
	}

	private static String rename(String username) {
		String body = "{\"username\":\"" + username + "\"}";
		return RawHttp.exchange(alice.url(),
				"PUT /me HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + alice.token()
						+ "\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
						+ "\r\nConnection: close\r\n\r\n" + body);
	}

}
