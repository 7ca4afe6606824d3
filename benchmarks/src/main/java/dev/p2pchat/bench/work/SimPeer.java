package dev.p2pchat.bench.work;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;

import dev.p2pchat.bench.node.Tally;

/**
 * A simulated peer for W3: a JDK WebSocket client that speaks the peer link protocol
 * (docs/protocol.md) just enough to receive: it dials the real peer's {@code /ws/peer},
 * says hello, counts the texts of each {@code batch} and acknowledges it at once. It
 * never sends chat messages. Registered at the tracker by the caller under the same
 * peerId, username and URL.
 */
final class SimPeer implements WebSocket.Listener {

	private final String peerId;

	private final String username;

	private final String url;

	private final AtomicInteger closed;

	private final StringBuilder partial = new StringBuilder();

	private volatile Tally tally = new Tally(-1, java.util.Map.of());

	private volatile boolean greeted;

	private volatile boolean closing;

	private final ReentrantLock sendLock = new ReentrantLock();

	private volatile @Nullable WebSocket socket;

	SimPeer(String peerId, String username, String url, AtomicInteger closed) {
		this.peerId = peerId;
		this.username = username;
		this.url = url;
		this.closed = closed;
	}

	/** Dials the real peer and sends hello; the link is up once {@link #greeted()}. */
	WebSocket dial(HttpClient client, int peerPort) {
		WebSocket socket = client.newWebSocketBuilder()
			.connectTimeout(Duration.ofSeconds(10))
			.buildAsync(URI.create("ws://127.0.0.1:" + peerPort + "/ws/peer"), this)
			.join();
		this.socket = socket;
		send("{\"type\":\"hello\",\"version\":1,\"peerId\":\"" + this.peerId + "\",\"username\":\"" + this.username
				+ "\",\"url\":\"" + this.url + "\",\"epoch\":\"" + this.peerId + "-" + System.nanoTime() + "\"}");
		return socket;
	}

	/**
	 * Sends the protocol's keep-alive: the real peer closes a link that is silent for 6
	 * s.
	 */
	void ping() {
		if (this.greeted) {
			send("{\"type\":\"ping\"}");
		}
	}

	/** Sends one frame; the JDK WebSocket allows one outstanding send at a time. */
	private void send(String frame) {
		WebSocket current = this.socket;
		if (current == null || current.isOutputClosed()) {
			return;
		}
		this.sendLock.lock();
		try {
			current.sendText(frame, true).join();
		}
		catch (RuntimeException ex) {
			System.err.println("sim " + this.username + " cannot send: " + ex);
		}
		finally {
			this.sendLock.unlock();
		}
	}

	void arm(Tally next) {
		this.tally = next;
	}

	Tally tally() {
		return this.tally;
	}

	boolean greeted() {
		return this.greeted;
	}

	@Override
	public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
		this.partial.append(data);
		if (last) {
			String frame = this.partial.toString();
			this.partial.setLength(0);
			frame(socket, frame, System.nanoTime());
		}
		socket.request(1);
		return null;
	}

	private void frame(WebSocket socket, String frame, long nanos) {
		if (frame.contains("\"type\":\"hello\"")) {
			this.greeted = true;
			return;
		}
		if (!frame.contains("\"type\":\"batch\"")) {
			return;
		}
		long seq = number(frame, "\"seq\":");
		int count = 0;
		for (int at = frame.indexOf("\"text\":\""); at >= 0; at = frame.indexOf("\"text\":\"", at + 1)) {
			int start = at + 8;
			this.tally.accept(frame.substring(start, frame.indexOf('"', start)), nanos);
			count++;
		}
		if (count > 0) {
			send("{\"type\":\"ack\",\"seq\":" + (seq + count - 1) + "}");
		}
	}

	private static long number(String json, String key) {
		int start = json.indexOf(key) + key.length();
		int end = start;
		while (end < json.length() && Character.isDigit(json.charAt(end))) {
			end++;
		}
		return Long.parseLong(json.substring(start, end));
	}

	/** Closes the link normally; from now on a closed link is not counted as dropped. */
	void close() {
		this.closing = true;
		WebSocket current = this.socket;
		if (current != null) {
			current.sendClose(WebSocket.NORMAL_CLOSURE, "done");
		}
	}

	@Override
	public CompletionStage<?> onClose(WebSocket socket, int status, String reason) {
		dropped("closed: " + status + " " + reason);
		return null;
	}

	@Override
	public void onError(WebSocket socket, Throwable error) {
		dropped("failed: " + error);
	}

	private void dropped(String why) {
		if (!this.closing) {
			this.closed.incrementAndGet();
			System.err.println("sim " + this.username + " link " + why);
		}
	}

}
