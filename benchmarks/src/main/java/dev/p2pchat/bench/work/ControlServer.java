package dev.p2pchat.bench.work;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import dev.p2pchat.bench.proc.Pause;

/**
 * The orchestrator's end of the node control protocol (see
 * {@link dev.p2pchat.bench.node.NodeAgent}): accepts one connection per node on the
 * loopback interface and sorts the nodes' reply lines by type and run.
 */
final class ControlServer implements AutoCloseable {

	private final ServerSocket server;

	private final Map<Integer, Node> nodes = new ConcurrentHashMap<>();

	ControlServer() throws IOException {
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread.ofPlatform().daemon().name("control-accept").start(this::accept);
	}

	int port() {
		return this.server.getLocalPort();
	}

	private void accept() {
		try {
			while (!this.server.isClosed()) {
				Socket socket = this.server.accept();
				Thread.ofPlatform().daemon().name("control-read").start(() -> read(socket));
			}
		}
		catch (IOException ex) {
			// closed
		}
	}

	private void read(Socket socket) {
		try (socket) {
			var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
			String hello = in.readLine();
			if (hello == null || !hello.startsWith("HELLO ")) {
				return;
			}
			var node = new Node(new PrintWriter(socket.getOutputStream(), true, StandardCharsets.US_ASCII));
			this.nodes.put(Integer.parseInt(hello.substring(6)), node);
			for (String line = in.readLine(); line != null; line = in.readLine()) {
				node.received(line);
			}
		}
		catch (IOException ex) {
			// the node went away
		}
	}

	/**
	 * Waits until a node has said hello.
	 * @param index the node index
	 * @param timeout how long to wait
	 * @return the node
	 * @throws IOException when it does not connect in time
	 */
	Node await(int index, Duration timeout) throws IOException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			Node node = this.nodes.get(index);
			if (node != null) {
				return node;
			}
			Pause.briefly();
		}
		throw new IOException("node " + index + " did not connect within " + timeout);
	}

	@Override
	public void close() throws IOException {
		this.nodes.values().forEach((node) -> node.send("QUIT"));
		this.server.close();
	}

	/** One connected node. */
	static final class Node {

		private final PrintWriter out;

		private final ReentrantLock lock = new ReentrantLock();

		private final Map<String, BlockingQueue<String[]>> replies = new ConcurrentHashMap<>();

		Node(PrintWriter out) {
			this.out = out;
		}

		void send(String line) {
			this.lock.lock();
			try {
				this.out.println(line);
			}
			finally {
				this.lock.unlock();
			}
		}

		private void received(String line) {
			String[] fields = line.split(" ");
			if (fields[0].equals("ERROR")) {
				System.err.println("node: " + line);
				return;
			}
			queue(fields[0] + " " + fields[1]).add(fields);
		}

		private BlockingQueue<String[]> queue(String key) {
			return this.replies.computeIfAbsent(key, (k) -> new LinkedBlockingQueue<>());
		}

		/**
		 * Takes the next reply of a type for a run.
		 * @param type e.g. {@code DONE}
		 * @param run the run
		 * @param timeout how long to wait
		 * @return the reply's fields after type and run, or {@code null} on timeout
		 */
		String @org.jspecify.annotations.Nullable [] take(String type, int run, Duration timeout) {
			try {
				String[] fields = queue(type + " " + run).poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
				return (fields != null) ? java.util.Arrays.copyOfRange(fields, 2, fields.length) : null;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return null;
			}
		}

	}

}
