package dev.p2pchat.nemesis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

/**
 * A fault-injecting TCP proxy in front of one node, on a loopback port of its own: the
 * node advertises this proxy's URL, so whoever dials the node dials through it. Each
 * connection learns its dialler from {@link SocketOwners}; every chunk read asks the
 * {@link Rules} what to do with the bytes going that way, so a change of the rules
 * applies to open connections at once. A chunk queue per direction keeps delayed chunks
 * in order and, being bounded, passes a slow consumer's back-pressure on to the sender.
 */
public final class FaultProxy implements AutoCloseable {

	/** What to do with the bytes going from one node to another. */
	@FunctionalInterface
	public interface Rules {

		Faults between(String from, String to);

	}

	/** The dialler when its socket's owner was not found. */
	public static final String UNKNOWN = "?";

	private static final byte[] END = new byte[0];

	private final String target;

	private final int targetPort;

	private final Rules rules;

	private final SocketOwners owners;

	private final ServerSocket server;

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	private final AtomicLong chunks = new AtomicLong();

	private final AtomicLong faulted = new AtomicLong();

	public FaultProxy(String target, int targetPort, Rules rules, SocketOwners owners) throws IOException {
		this.target = target;
		this.targetPort = targetPort;
		this.rules = rules;
		this.owners = owners;
		this.server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
		Thread.ofVirtual().name("proxy-" + target).start(this::acceptLoop);
	}

	public URI url() {
		return URI.create("http://127.0.0.1:" + this.server.getLocalPort());
	}

	public int port() {
		return this.server.getLocalPort();
	}

	/** Chunks forwarded and chunks dropped, duplicated, reordered or blackholed. */
	public long[] counts() {
		return new long[] { this.chunks.get(), this.faulted.get() };
	}

	/** Closes every open connection (both sides see a reset or an end of stream). */
	public void resetAll() {
		this.sockets.forEach(FaultProxy::closeQuietly);
		this.sockets.clear();
	}

	private void acceptLoop() {
		while (!this.server.isClosed()) {
			try {
				Socket client = this.server.accept();
				this.sockets.add(client);
				Thread.ofVirtual().start(() -> connect(client));
			}
			catch (IOException ex) {
				// closed
			}
		}
	}

	private void connect(Socket client) {
		String dialler = this.owners.ownerOf(client.getPort(), port()).orElse(UNKNOWN);
		try {
			// a cut both ways: the connection hangs as a SYN into a partition would
			while (this.rules.between(dialler, this.target).blackhole()
					&& this.rules.between(this.target, dialler).blackhole() && !client.isClosed()) {
				discardFor(client, 200);
			}
			if (client.isClosed()) {
				this.sockets.remove(client);
				return;
			}
			Socket upstream = new Socket(InetAddress.getLoopbackAddress(), this.targetPort);
			upstream.setTcpNoDelay(true);
			client.setTcpNoDelay(true);
			client.setSoTimeout(0);
			this.sockets.add(upstream);
			new Direction(client, upstream, dialler, this.target).start();
			new Direction(upstream, client, this.target, dialler).start();
		}
		catch (IOException ex) {
			closeQuietly(client);
		}
	}

	/** Reads and throws away what the client sends for a while (a hung connection). */
	private static void discardFor(Socket client, int millis) throws IOException {
		client.setSoTimeout(millis);
		try {
			if (client.getInputStream().read(new byte[4096]) < 0) {
				client.close();
			}
		}
		catch (java.net.SocketTimeoutException ex) {
			// nothing sent meanwhile
		}
	}

	/** One way of one connection: a reader applying the faults, a writer keeping time. */
	private final class Direction {

		private final Socket from;

		private final Socket to;

		private final String fromNode;

		private final String toNode;

		private final BlockingQueue<Timed> queue = new ArrayBlockingQueue<>(64);

		private record Timed(byte[] bytes, long dueNanos) {
		}

		Direction(Socket from, Socket to, String fromNode, String toNode) {
			this.from = from;
			this.to = to;
			this.fromNode = fromNode;
			this.toNode = toNode;
		}

		void start() {
			Thread.ofVirtual().start(this::read);
			Thread.ofVirtual().start(this::write);
		}

		private void read() {
			byte[] buffer = new byte[16384];
			byte @Nullable [] held = null;
			long lastDue = 0;
			try (InputStream in = this.from.getInputStream()) {
				int read;
				while ((read = in.read(buffer)) > 0) {
					FaultProxy.this.chunks.incrementAndGet();
					Faults faults = FaultProxy.this.rules.between(this.fromNode, this.toNode);
					var random = ThreadLocalRandom.current();
					byte[] chunk = Arrays.copyOf(buffer, read);
					if (faults.blackhole() || random.nextDouble() < faults.drop()) {
						FaultProxy.this.faulted.incrementAndGet();
						continue;
					}
					long due = System.nanoTime() + faults.delay().toNanos()
							+ ((faults.jitter().isPositive()) ? random.nextLong(faults.jitter().toNanos()) : 0);
					due = Math.max(due, lastDue);
					lastDue = due;
					if (held == null && random.nextDouble() < faults.reorder()) {
						FaultProxy.this.faulted.incrementAndGet();
						held = chunk;
						continue;
					}
					put(new Timed(chunk, due));
					if (held != null) {
						put(new Timed(held, due));
						held = null;
					}
					if (random.nextDouble() < faults.duplicate()) {
						FaultProxy.this.faulted.incrementAndGet();
						put(new Timed(chunk, due));
					}
				}
			}
			catch (IOException ex) {
				// closed
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			finally {
				this.queue.offer(new Timed(END, 0));
				closeQuietly(this.from);
			}
		}

		private void put(Timed chunk) throws InterruptedException {
			while (!this.queue.offer(chunk, 200, TimeUnit.MILLISECONDS)) {
				if (this.to.isClosed()) {
					throw new InterruptedException("closed");
				}
			}
		}

		private void write() {
			try (OutputStream out = this.to.getOutputStream()) {
				while (true) {
					Timed chunk = this.queue.take();
					if (chunk.bytes() == END) {
						return;
					}
					long wait = chunk.dueNanos() - System.nanoTime();
					if (wait > 0) {
						TimeUnit.NANOSECONDS.sleep(wait);
					}
					out.write(chunk.bytes());
					out.flush();
					long rate = FaultProxy.this.rules.between(this.fromNode, this.toNode).bytesPerSecond();
					if (rate > 0) {
						TimeUnit.NANOSECONDS.sleep(chunk.bytes().length * 1_000_000_000L / rate);
					}
				}
			}
			catch (IOException ex) {
				// closed
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			finally {
				closeQuietly(this.to);
				closeQuietly(this.from);
				FaultProxy.this.sockets.remove(this.to);
				FaultProxy.this.sockets.remove(this.from);
			}
		}

	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// already closed
		}
	}

	@Override
	public void close() {
		try {
			this.server.close();
		}
		catch (IOException ex) {
			// already closed
		}
		resetAll();
	}

}
