package dev.p2pchat.peer.it;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small {@code POST /messages} load loop for measuring one peer by hand (not a test):
 * {@code connections} keep-alive sockets, one platform thread each, one request in flight
 * per socket, {@code {"text":"<100 characters>"}} bodies, reconnecting when the server
 * closes a connection. Prints requests per second over the measured part. Run from the
 * module directory after {@code ./mvnw test-compile}:
 *
 * <pre>
 * java -cp target/test-classes dev.p2pchat.peer.it.PostLoad &lt;port&gt; [connections] [warm-up] [requests]
 * </pre>
 */
final class PostLoad {

	private PostLoad() {
	}

	public static void main(String[] args) throws Exception {
		int port = Integer.parseInt(args[0]);
		int connections = (args.length > 1) ? Integer.parseInt(args[1]) : 8;
		int warmUp = (args.length > 2) ? Integer.parseInt(args[2]) : 20_000;
		int requests = (args.length > 3) ? Integer.parseInt(args[3]) : 50_000;
		run(port, connections, warmUp);
		long start = System.nanoTime();
		long unexpected = run(port, connections, requests);
		double seconds = (System.nanoTime() - start) / 1e9;
		System.out.printf(Locale.ROOT, "%d POSTs in %.2f s: %.0f/s (%d not 202)%n", requests, seconds,
				requests / seconds, unexpected);
	}

	/**
	 * Sends {@code requests} POSTs over the connections; returns how many were not 202.
	 */
	private static long run(int port, int connections, int requests) throws InterruptedException {
		var unexpected = new AtomicLong();
		List<Thread> threads = new ArrayList<>();
		for (int c = 0; c < connections; c++) {
			int share = requests / connections + ((c < requests % connections) ? 1 : 0);
			threads.add(Thread.ofPlatform().start(() -> {
				try {
					unexpected.addAndGet(send(port, share));
				}
				catch (IOException ex) {
					throw new IllegalStateException(ex);
				}
			}));
		}
		for (Thread thread : threads) {
			thread.join();
		}
		return unexpected.get();
	}

	private static long send(int port, int count) throws IOException {
		String body = "{\"text\":\"" + "x".repeat(100) + "\"}";
		byte[] request = ("POST /messages HTTP/1.1\r\nHost: 127.0.0.1:" + port
				+ "\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
			.getBytes(StandardCharsets.US_ASCII);
		long unexpected = 0;
		int sent = 0;
		while (sent < count) {
			try (var socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
				socket.setTcpNoDelay(true);
				OutputStream out = socket.getOutputStream();
				InputStream in = new BufferedInputStream(socket.getInputStream());
				boolean open = true;
				while (open && sent < count) {
					out.write(request);
					out.flush();
					Response response = Response.read(in);
					sent++;
					unexpected += (response.status() == 202) ? 0 : 1;
					open = !response.close();
				}
			}
		}
		return unexpected;
	}

	/** The parts of an HTTP/1.1 response this loop needs; the body is skipped. */
	private record Response(int status, boolean close) {

		static Response read(InputStream in) throws IOException {
			String statusLine = line(in);
			int status = Integer.parseInt(statusLine.substring(9, 12));
			long length = 0;
			boolean close = false;
			for (String header = line(in); !header.isEmpty(); header = line(in)) {
				String lower = header.toLowerCase(Locale.ROOT);
				if (lower.startsWith("content-length:")) {
					length = Long.parseLong(lower.substring(15).trim());
				}
				else if (lower.startsWith("transfer-encoding:")) {
					throw new IOException("chunked responses are not read here: " + statusLine);
				}
				else if (lower.startsWith("connection:") && lower.contains("close")) {
					close = true;
				}
			}
			in.skipNBytes(length);
			return new Response(status, close);
		}

		private static String line(InputStream in) throws IOException {
			var sb = new StringBuilder(64);
			for (int b = in.read(); b != '\n'; b = in.read()) {
				if (b < 0) {
					throw new IOException("connection closed in a response");
				}
				if (b != '\r') {
					sb.append((char) b);
				}
			}
			return sb.toString();
		}

	}

}
