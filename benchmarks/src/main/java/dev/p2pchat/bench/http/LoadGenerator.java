package dev.p2pchat.bench.http;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.jspecify.annotations.Nullable;

/**
 * A lean HTTP/1.1 load generator: a few blocking keep-alive sockets, one platform thread
 * each, each with up to {@code depth} pipelined requests in flight. Requests of one
 * connection are answered in the order they were sent, so the server accepted them in
 * that order. When the server closes a connection (Tomcat's keep-alive request limit),
 * the unanswered requests are sent again, in order, on a new connection.
 */
public final class LoadGenerator {

	private static final int MAX_RECONNECTS = 100_000;

	private final LoadSpec spec;

	private final int expectedStatus;

	private final AtomicLong responses = new AtomicLong();

	private final AtomicLong unexpected = new AtomicLong();

	private final AtomicLong reconnects = new AtomicLong();

	private final AtomicLong bodyBytes = new AtomicLong();

	/**
	 * Creates a generator.
	 * @param spec what each connection does
	 * @param expectedStatus the status every response should have
	 */
	public LoadGenerator(LoadSpec spec, int expectedStatus) {
		this.spec = spec;
		this.expectedStatus = expectedStatus;
	}

	/**
	 * Runs every connection to completion or to the time limit.
	 * @return what happened
	 * @throws InterruptedException when interrupted while waiting for the connections
	 */
	public LoadResult run() throws InterruptedException {
		long start = System.nanoTime();
		long deadline = start + this.spec.maxDuration().toNanos();
		List<Thread> threads = new ArrayList<>();
		for (int c = 0; c < this.spec.connections(); c++) {
			int connection = c;
			threads.add(Thread.ofPlatform().name("load-" + c).start(() -> drive(connection, start, deadline)));
		}
		for (Thread thread : threads) {
			thread.join();
		}
		return new LoadResult(this.responses.get(), this.unexpected.get(), this.reconnects.get(), start,
				System.nanoTime(), this.bodyBytes.get());
	}

	private void drive(int connection, long start, long deadline) {
		int total = this.spec.requestsPerConnection();
		int sent = 0;
		int answered = 0;
		Conn conn = null;
		try {
			while (answered < total && System.nanoTime() < deadline) {
				if (conn == null) {
					conn = Conn.open(this.spec.port());
				}
				try {
					sent = fill(connection, conn.out(), sent, answered, start);
					if (sent == answered) {
						continue;
					}
					InputStream in = conn.in();
					HttpHead head = HttpHead.read(in);
					this.bodyBytes.addAndGet(head.skipBody(in));
					this.spec.onResponse().onResponse(connection, answered, System.nanoTime(), head);
					answered++;
					count(head);
					if (head.close()) {
						throw new IOException("server closed the connection");
					}
				}
				catch (IOException ex) {
					conn = reopen(conn);
					sent = answered;
				}
			}
		}
		catch (IOException ex) {
			System.err.println("load connection " + connection + " failed: " + ex);
		}
		finally {
			closeQuietly(conn);
		}
	}

	private int fill(int connection, OutputStream out, int sent, int answered, long start) throws IOException {
		int next = sent;
		int rate = this.spec.ratePerSecond();
		while (next < this.spec.requestsPerConnection() && next - answered < this.spec.depth()) {
			if (rate > 0) {
				long due = start + next * 1_000_000_000L / rate;
				if (next > answered && due > System.nanoTime()) {
					break;
				}
				for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
					LockSupport.parkNanos(wait);
				}
			}
			out.write(this.spec.requests().request(connection, next));
			next++;
		}
		out.flush();
		return next;
	}

	private void count(HttpHead head) {
		this.responses.incrementAndGet();
		if (head.status() != this.expectedStatus) {
			this.unexpected.incrementAndGet();
		}
	}

	private Conn reopen(@Nullable Conn conn) throws IOException {
		closeQuietly(conn);
		if (this.reconnects.incrementAndGet() > MAX_RECONNECTS) {
			throw new IOException("too many reconnects");
		}
		return Conn.open(this.spec.port());
	}

	private static void closeQuietly(@Nullable Conn conn) {
		try {
			if (conn != null) {
				conn.socket().close();
			}
		}
		catch (IOException ex) {
			// nothing left to do with a broken connection
		}
	}

	/** A connected socket with its streams buffered once. */
	private record Conn(Socket socket, InputStream in, OutputStream out) {

		static Conn open(int port) throws IOException {
			var socket = new Socket(InetAddress.getLoopbackAddress(), port);
			socket.setTcpNoDelay(true);
			return new Conn(socket, new BufferedInputStream(socket.getInputStream(), 64 * 1024),
					new BufferedOutputStream(socket.getOutputStream(), 16 * 1024));
		}

	}

}
