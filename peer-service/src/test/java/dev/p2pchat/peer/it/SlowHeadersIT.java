package dev.p2pchat.peer.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A slow-headers flood (slowloris) from one address does not starve the owner: while
 * 2,000 loopback connections from 127.0.0.2 each trickle a request head one byte every
 * 2.5 s, the owner's {@code GET /messages} (from 127.0.0.1, on a fresh connection) is
 * answered within 1 s every time, and the flood holds no more connections than one
 * address may ({@code p2pchat.peer.http.max-connections-per-address}, 256).
 */
class SlowHeadersIT {

	private static final int CONNECTIONS = 2_000;

	private static final Duration TRICKLE = Duration.ofMillis(2_500);

	private static final int PROBES = 10;

	private static final byte[] HEAD = "GET /messages HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
		.getBytes(StandardCharsets.US_ASCII);

	private static TrackerProcess tracker;

	private static TestPeer owner;

	@BeforeAll
	static void start() {
		tracker = TrackerProcess.start();
		owner = TestPeer.start("owner", tracker.url());
	}

	@AfterAll
	static void stop() {
		if (owner != null) {
			owner.close();
		}
		if (tracker != null) {
			tracker.close();
		}
	}

	@Test
	void ownerRequestWhenTwoThousandSlowHeadersAreOpenIsAnsweredWithinOneSecond() throws Exception {
		List<Socket> slow = new ArrayList<>(CONNECTIONS);
		List<Long> latencies = new ArrayList<>();
		try {
			for (int i = 0; i < CONNECTIONS; i++) {
				Socket socket = new Socket();
				socket.bind(new InetSocketAddress("127.0.0.2", 0));
				socket.connect(new InetSocketAddress("127.0.0.1", owner.url().getPort()), 5_000);
				socket.getOutputStream().write(HEAD[0]);
				slow.add(socket);
			}
			long next = System.nanoTime();
			int sent = 1;
			long openFor = System.nanoTime() + Duration.ofSeconds(15).toNanos();
			while (System.nanoTime() < openFor) {
				if (System.nanoTime() >= next) {
					trickle(slow, HEAD[sent++ % HEAD.length]);
					next = System.nanoTime() + TRICKLE.toNanos();
				}
				if (latencies.size() < PROBES) {
					latencies.add(ownerGetMessages());
				}
				Thread.sleep(1_000);
			}
			long open = slow.stream().filter((socket) -> !socket.isClosed() && stillOpen(socket)).count();
			List<Long> sorted = latencies.stream().sorted().toList();
			System.out.printf(
					"slow-headers: %d connections opened, %d still open after 15 s; owner GET /messages"
							+ " latency ms: median %d, max %d, all %s%n",
					slow.size(), open, sorted.get(sorted.size() / 2), sorted.getLast(), latencies);
			assertThat(slow).hasSize(CONNECTIONS);
			assertThat(open).as("held by the one address").isBetween(250L, 256L);
			assertThat(latencies).hasSize(PROBES).allSatisfy((millis) -> assertThat(millis).isLessThan(1_000));
		}
		finally {
			for (Socket socket : slow) {
				socket.close();
			}
		}
	}

	/** One more byte of the request head on every connection the server still holds. */
	private static void trickle(List<Socket> slow, byte next) {
		for (Socket socket : slow) {
			try {
				socket.getOutputStream().write(next);
			}
			catch (IOException ex) {
				// closed by the server: counted at the end
			}
		}
	}

	/** Whether the server has neither answered nor closed the connection. */
	private static boolean stillOpen(Socket socket) {
		try {
			socket.setSoTimeout(1);
			socket.getInputStream().read();
			return false;
		}
		catch (SocketTimeoutException ex) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * Milliseconds from connecting to having read the whole answer (a fresh connection).
	 */
	private static long ownerGetMessages() throws IOException {
		long start = System.nanoTime();
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", owner.url().getPort()), 5_000);
			socket.setSoTimeout(5_000);
			OutputStream out = socket.getOutputStream();
			out.write(("GET /messages HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + owner.token()
					+ "\r\nConnection: close\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
			assertThat(answer).startsWith("HTTP/1.1 200");
			return millis;
		}
	}

}
