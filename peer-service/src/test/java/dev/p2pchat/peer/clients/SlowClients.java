package dev.p2pchat.peer.clients;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A slow-headers flood (slowloris) from several loopback source addresses (127.0.0.0/8 is
 * all loopback on Linux): each connection sends the start of a request head and then one
 * byte at a time, never finishing it. Connects in parallel with a short timeout, so that
 * connections a full server leaves in its backlog cost the flood nothing but time.
 */
final class SlowClients implements AutoCloseable {

	private static final byte[] HEAD = "GET /peers HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "
		.getBytes(StandardCharsets.US_ASCII);

	private final List<Socket> sockets = Collections.synchronizedList(new ArrayList<>());

	private final AtomicInteger failed = new AtomicInteger();

	/**
	 * Opens {@code perAddress} connections from each of {@code addresses} source
	 * addresses {@code 127.0.0.<first>...} to the port, and waits for every attempt.
	 */
	static SlowClients open(int port, int first, int addresses, int perAddress) {
		var clients = new SlowClients();
		try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int a = 0; a < addresses; a++) {
				String source = "127.0.0." + (first + a);
				for (int i = 0; i < perAddress; i++) {
					executor.submit(() -> clients.connect(source, port));
				}
			}
		}
		return clients;
	}

	private void connect(String source, int port) {
		var socket = new Socket();
		try {
			socket.bind(new InetSocketAddress(source, 0));
			socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
			socket.getOutputStream().write(HEAD);
			this.sockets.add(socket);
		}
		catch (IOException ex) {
			this.failed.incrementAndGet();
			closeQuietly(socket);
		}
	}

	/** Connections opened (not all of them are still open). */
	int opened() {
		return this.sockets.size();
	}

	/** Attempts that did not connect (the server's backlog was full). */
	int failed() {
		return this.failed.get();
	}

	/** One more byte on every connection; returns how many took it. */
	int trickle() {
		int written = 0;
		for (Socket socket : List.copyOf(this.sockets)) {
			try {
				socket.getOutputStream().write('a');
				written++;
			}
			catch (IOException ex) {
				// closed by the server
			}
		}
		return written;
	}

	/** Connections the server has neither answered nor closed. */
	long stillOpen() {
		return List.copyOf(this.sockets).stream().filter(SlowClients::open).count();
	}

	private static boolean open(Socket socket) {
		try {
			socket.setSoTimeout(1);
			socket.getInputStream().read(); // an answer or the end: not held any more
			return false;
		}
		catch (SocketTimeoutException ex) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	@Override
	public void close() {
		List.copyOf(this.sockets).forEach(SlowClients::closeQuietly);
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// gone already
		}
	}

}
