package dev.p2pchat.peer.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import dev.p2pchat.link.frame.Frame;
import dev.p2pchat.link.frame.FrameCodec;
import dev.p2pchat.link.frame.FrameException;
import dev.p2pchat.link.frame.MessageRecord;
import dev.p2pchat.link.frame.MessageTag;
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

	private final List<Frame> frames = new CopyOnWriteArrayList<>();

	private final List<String> unreadable = new CopyOnWriteArrayList<>();

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
			send(new Frame.Since(null));
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

	/** Sends a frame, encoded by link-protocol's codec and sealed. */
	void send(Frame frame) {
		sendSealed(FrameCodec.encode(frame));
	}

	/**
	 * Sends a plaintext (well-formed or not) sealed with this link's key; callers on
	 * several threads (a pinger) are serialised, so that the counters follow the order
	 * frames are written in.
	 */
	void sendSealed(byte[] plain) {
		this.sendLock.lock();
		try {
			send(this.sealer.seal(plain));
		}
		finally {
			this.sendLock.unlock();
		}
	}

	/** The frames received after the handshake, opened and decoded. */
	List<Frame> frames() {
		return this.frames;
	}

	/** Why received frames could not be opened or decoded. */
	List<String> unreadable() {
		return this.unreadable;
	}

	/**
	 * A chat message's record as a peer writes it (the sender is the link's peer, never a
	 * field); {@code toId} and {@code to} are left out when {@code null}.
	 */
	static MessageRecord message(UUID id, String from, String toId, String to, String text, Instant sentAt) {
		return MessageRecord.builder()
			.uuid(MessageTag.ID, id)
			.string(MessageTag.FROM, from)
			.string(MessageTag.TO_ID, toId)
			.string(MessageTag.TO, to)
			.string(MessageTag.TEXT, text)
			.instant(MessageTag.SENT_AT, sentAt)
			.build();
	}

	static Frame.Batch batch(long seq, MessageRecord... messages) {
		return new Frame.Batch(seq, List.of(messages));
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
			this.frames.add(FrameCodec.decode(current.open(frame)));
		}
		catch (SealException | FrameException ex) {
			this.unreadable.add(ex.getMessage());
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
