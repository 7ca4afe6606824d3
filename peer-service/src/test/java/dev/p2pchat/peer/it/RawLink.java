package dev.p2pchat.peer.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import dev.p2pchat.link.handshake.FrameOpener;
import dev.p2pchat.link.handshake.FrameSealer;
import dev.p2pchat.link.identity.Identity;
import dev.p2pchat.link.handshake.LinkHandshake;
import dev.p2pchat.link.handshake.SealException;

/**
 * A hand-driven client of a peer's {@code /ws/peer}, for speaking (or breaking) the link
 * protocol from a test: runs the handshake with an identity of the test's choosing, seals
 * and opens frames, and records the frames and the close it receives.
 */
final class RawLink implements WebSocket.Listener, AutoCloseable {

	private final HttpClient http;

	/** Whether {@link #close} shuts the client down (it is not shared). */
	private final boolean ownsClient;

	private final List<String> texts = new CopyOnWriteArrayList<>();

	private final ReentrantLock sendLock = new ReentrantLock();

	private final LinkedBlockingQueue<byte[]> handshake = new LinkedBlockingQueue<>();

	private ByteBuffer partial = ByteBuffer.allocate(0);

	private volatile int closeCode = -1;

	private volatile String closeReason = "";

	private volatile boolean broken;

	private volatile FrameOpener opener;

	private FrameSealer sealer;

	private WebSocket socket;

	private RawLink(HttpClient http, boolean ownsClient) {
		this.http = http;
		this.ownsClient = ownsClient;
	}

	static RawLink open(URI peerUrl) {
		return open(peerUrl, HttpClient.newHttpClient(), true);
	}

	/**
	 * Opens a link with a client shared by many links (e.g. one bound to a local address
	 * of the test's choosing), which {@link #close} leaves open.
	 */
	static RawLink open(URI peerUrl, HttpClient shared) {
		return open(peerUrl, shared, false);
	}

	private static RawLink open(URI peerUrl, HttpClient http, boolean ownsClient) {
		var link = new RawLink(http, ownsClient);
		URI uri = URI.create(peerUrl.toString().replaceFirst("^http", "ws") + "/ws/peer");
		link.socket = link.http.newWebSocketBuilder().buildAsync(uri, link).join();
		return link;
	}

	/** Runs the dialler's side of the handshake; the peer may still refuse the auth. */
	LinkHandshake.Peer handshake(Identity identity, String username, URI url, String epoch) throws Exception {
		var dialler = LinkHandshake.dialler(identity, new LinkHandshake.Details(username, url.toString(), epoch));
		send(dialler.hello());
		byte[] answer = this.handshake.poll(10, TimeUnit.SECONDS);
		if (answer == null) {
			throw new IllegalStateException("no answer to the hello");
		}
		LinkHandshake.Finished finished = dialler.finish(answer);
		this.sealer = finished.session().sealer();
		this.opener = finished.session().opener();
		send(finished.auth());
		try {
			// the frame that follows a handshake (holding nothing from the peer): without
			// it
			// the peer waits for it before sending its queue
			sendSealed("{\"type\":\"since\",\"last\":null}");
		}
		catch (RuntimeException refused) {
			// the peer refused the auth and closed: the caller checks the close
		}
		return finished.session().peer();
	}

	void send(byte[] bytes) {
		this.socket.sendBinary(ByteBuffer.wrap(bytes), true).join();
	}

	void sendText(String text) {
		this.socket.sendText(text, true).join();
	}

	/**
	 * Sends a frame sealed with this link's key; callers on several threads (a pinger)
	 * are serialised, so that the counters follow the order frames are written in.
	 */
	void sendSealed(String frame) {
		this.sendLock.lock();
		try {
			send(this.sealer.seal(frame.getBytes(StandardCharsets.UTF_8)));
		}
		finally {
			this.sendLock.unlock();
		}
	}

	/** The frames received after the handshake, opened. */
	List<String> texts() {
		return this.texts;
	}

	int closeCode() {
		return this.closeCode;
	}

	String closeReason() {
		return this.closeReason;
	}

	/** Whether the connection is gone: closed by the peer or dropped. */
	boolean gone() {
		return this.closeCode != -1 || this.broken;
	}

	@Override
	public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
		if (this.partial.remaining() < data.remaining()) {
			this.partial = ByteBuffer.allocate(this.partial.position() + data.remaining()).put(this.partial.flip());
		}
		this.partial.put(data);
		if (last) {
			ByteBuffer frame = this.partial.flip();
			this.partial = ByteBuffer.allocate(0);
			received(frame);
		}
		webSocket.request(1);
		return null;
	}

	private void received(ByteBuffer frame) {
		FrameOpener current = this.opener;
		if (current == null) {
			byte[] bytes = new byte[frame.remaining()];
			frame.get(bytes);
			this.handshake.add(bytes);
			return;
		}
		try {
			this.texts.add(new String(current.open(frame), StandardCharsets.UTF_8));
		}
		catch (SealException ex) {
			this.texts.add("unopenable: " + ex.getMessage());
		}
	}

	@Override
	public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
		this.closeReason = reason;
		this.closeCode = statusCode;
		return null;
	}

	@Override
	public void onError(WebSocket webSocket, Throwable error) {
		this.broken = true;
	}

	@Override
	public void close() {
		if (!this.socket.isOutputClosed()) {
			this.socket.abort();
		}
		if (this.ownsClient) {
			this.http.shutdownNow();
		}
	}

}
