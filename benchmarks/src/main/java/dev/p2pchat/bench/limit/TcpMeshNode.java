package dev.p2pchat.bench.limit;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import dev.p2pchat.bench.node.NodeAgent;
import dev.p2pchat.bench.node.Transport;

/**
 * The batched raw-TCP limit: one node of a minimal mesh of plain sockets. Node {@code i}
 * listens on its port and dials every node with a lower index, so each pair has one link.
 * A broadcast encodes its text to UTF-8 once and queues the same bytes on every link;
 * each link's sender thread writes them in length-prefixed batch frames paced as the
 * peer's outbox paces its link frames (see {@link TcpBatchQueue}). No encryption, no
 * acknowledgement, no history: what the product's mesh could reach on the same sockets.
 */
public final class TcpMeshNode implements Transport {

	private final List<TcpBatchQueue> links = new CopyOnWriteArrayList<>();

	private volatile Consumer<String> listener = (text) -> {
	};

	/**
	 * Runs a node until the orchestrator closes the control connection.
	 * @param args index, comma-separated ports of all nodes, control port
	 * @throws Exception when the node cannot start or link
	 */
	public static void main(String[] args) throws Exception {
		int index = Integer.parseInt(args[0]);
		List<Integer> ports = Arrays.stream(args[1].split(",")).map(Integer::valueOf).toList();
		var node = new TcpMeshNode();
		node.listen(new ServerSocket(ports.get(index), 50, InetAddress.getLoopbackAddress()));
		for (int other = 0; other < index; other++) {
			node.dial(ports.get(other));
		}
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (node.linkCount() < ports.size() - 1 && System.nanoTime() < deadline) {
			Thread.sleep(10);
		}
		new NodeAgent(index, node).serve(Integer.parseInt(args[2]));
		System.exit(0);
	}

	@Override
	public void broadcast(String text) throws InterruptedException {
		// encoded once per broadcast, as the product is meant to: every link writes
		// the same bytes
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		for (TcpBatchQueue link : this.links) {
			link.enqueue(bytes);
		}
	}

	@Override
	public void onDelivered(Consumer<String> listener) {
		this.listener = listener;
	}

	/** Accepts links on a bound server socket, on a thread of its own. */
	void listen(ServerSocket server) {
		Thread.ofPlatform().daemon().name("tcp-accept").start(() -> accept(server));
	}

	int linkCount() {
		return this.links.size();
	}

	private void accept(ServerSocket server) {
		try {
			while (!server.isClosed()) {
				link(server.accept(), "from");
			}
		}
		catch (IOException ex) {
			System.err.println("accept ended: " + ex);
		}
	}

	/** Links to the node listening on a loopback port, retrying while it starts. */
	void dial(int port) throws InterruptedException {
		for (int attempt = 0; attempt < 300; attempt++) {
			try {
				link(new Socket(InetAddress.getLoopbackAddress(), port), "to");
				return;
			}
			catch (IOException ex) {
				Thread.sleep(100);
			}
		}
		throw new IllegalStateException("cannot link to port " + port);
	}

	private void link(Socket socket, String direction) throws IOException {
		socket.setTcpNoDelay(true);
		String name = direction + "-" + socket.getPort();
		this.links.add(new TcpBatchQueue(name, socket.getOutputStream()));
		var in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 1 << 16));
		Thread.ofPlatform().daemon().name("tcp-read-" + name).start(() -> read(in));
	}

	/** Reads batch frames: length, count, then per message its length and UTF-8 bytes. */
	private void read(DataInputStream in) {
		byte[] frame = new byte[1 << 16];
		try {
			while (true) {
				int length = in.readInt();
				if (length > frame.length) {
					frame = new byte[length];
				}
				in.readFully(frame, 0, length);
				int count = TcpBatchQueue.readInt(frame, 0);
				int at = 4;
				for (int i = 0; i < count; i++) {
					int size = TcpBatchQueue.readInt(frame, at);
					this.listener.accept(new String(frame, at + 4, size, StandardCharsets.UTF_8));
					at += 4 + size;
				}
			}
		}
		catch (EOFException ex) {
			// the other node ended
		}
		catch (IOException ex) {
			System.err.println("link closed: " + ex);
		}
	}

}
