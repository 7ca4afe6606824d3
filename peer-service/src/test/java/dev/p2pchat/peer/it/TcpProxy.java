package dev.p2pchat.peer.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A TCP proxy for tests, standing on the network path between two peers: forwards each
 * connection to a target port, records every byte in both directions per connection, and
 * can flip one bit of the next chunk going to the target.
 */
final class TcpProxy implements AutoCloseable {

	/** The bytes of one proxied connection. */
	record Capture(ByteArrayOutputStream toTarget, ByteArrayOutputStream fromTarget) {

		byte[] sent() {
			synchronized (this.toTarget) {
				return this.toTarget.toByteArray();
			}
		}

		byte[] received() {
			synchronized (this.fromTarget) {
				return this.fromTarget.toByteArray();
			}
		}

	}

	private final ServerSocket server;

	private final List<Capture> captures = new CopyOnWriteArrayList<>();

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	private final AtomicBoolean flipNext = new AtomicBoolean();

	private volatile int targetPort;

	private TcpProxy() throws IOException {
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread.ofVirtual().name("proxy-accept").start(this::acceptLoop);
	}

	static TcpProxy start() {
		try {
			return new TcpProxy();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	URI url() {
		return URI.create("http://127.0.0.1:" + this.server.getLocalPort());
	}

	void target(URI url) {
		this.targetPort = url.getPort();
	}

	List<Capture> captures() {
		return this.captures;
	}

	/** The next chunk read from a client gets one bit flipped in its last byte. */
	void flipNextChunkToTarget() {
		this.flipNext.set(true);
	}

	boolean flipPending() {
		return this.flipNext.get();
	}

	private void acceptLoop() {
		while (!this.server.isClosed()) {
			try {
				Socket client = this.server.accept();
				Socket target = new Socket(InetAddress.getLoopbackAddress(), this.targetPort);
				this.sockets.add(client);
				this.sockets.add(target);
				var capture = new Capture(new ByteArrayOutputStream(), new ByteArrayOutputStream());
				this.captures.add(capture);
				Thread.ofVirtual().start(() -> pump(client, target, capture.toTarget(), true));
				Thread.ofVirtual().start(() -> pump(target, client, capture.fromTarget(), false));
			}
			catch (IOException ex) {
				// closed, or the target refused: the client's connection just ends
			}
		}
	}

	private void pump(Socket from, Socket to, ByteArrayOutputStream record, boolean toTarget) {
		byte[] buffer = new byte[65536];
		try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
			int read;
			while ((read = in.read(buffer)) > 0) {
				synchronized (record) {
					record.write(buffer, 0, read);
				}
				if (toTarget && read > 16 && this.flipNext.compareAndSet(true, false)) {
					buffer[read - 1] ^= 0x01;
				}
				out.write(buffer, 0, read);
				out.flush();
			}
		}
		catch (IOException ex) {
			// one side closed: the finally of the other pump closes the rest
		}
		finally {
			closeQuietly(from);
			closeQuietly(to);
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
		this.sockets.forEach(TcpProxy::closeQuietly);
	}

}
