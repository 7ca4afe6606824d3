package dev.p2pchat.bench.work;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;

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
import dev.p2pchat.bench.node.Tally;

/**
 * A simulated peer for W3: a JDK WebSocket client that speaks the peer link protocol
 * (docs/protocol.md, version 3, through link-protocol's codec) just enough to receive: it
 * dials the real peer's {@code /ws/peer}, runs the authenticated handshake with its own
 * key, opens each sealed {@code batch}, counts its texts and acknowledges it at once. It
 * never sends chat messages. Registered at the tracker by the caller with the same key,
 * username and URL.
 */
final class SimPeer implements WebSocket.Listener {

	private final Identity identity;

	private final LinkHandshake handshake;

	private final java.util.concurrent.CompletableFuture<Void> linked = new java.util.concurrent.CompletableFuture<>();

	private java.nio.ByteBuffer partialBinary = java.nio.ByteBuffer.allocate(0);

	private volatile @Nullable FrameSealer sealer;

	private volatile @Nullable FrameOpener opener;

	private final String username;

	private final String url;

	private final AtomicInteger closed;

	private volatile Tally tally = new Tally(-1, java.util.Map.of());

	private volatile boolean greeted;

	private volatile boolean closing;

	private final ReentrantLock sendLock = new ReentrantLock();

	private volatile @Nullable WebSocket socket;

	SimPeer(Identity identity, String username, String url, AtomicInteger closed) {
		this.identity = identity;
		this.username = username;
		this.url = url;
		this.closed = closed;
		this.handshake = LinkHandshake.dialler(identity,
				new LinkHandshake.Details(username, url, identity.peerId() + "-" + System.nanoTime()));
	}

	/**
	 * Dials the real peer and runs the handshake, waiting for its answer (so that dials
	 * one after the other never exceed the peer's bound on unauthenticated connections);
	 * the link is up once {@link #greeted()}.
	 */
	WebSocket dial(HttpClient client, int peerPort) {
		WebSocket socket = client.newWebSocketBuilder()
			.connectTimeout(Duration.ofSeconds(10))
			.buildAsync(URI.create("ws://127.0.0.1:" + peerPort + "/ws/peer"), this)
			.join();
		this.socket = socket;
		sendBinary(this.handshake.hello());
		this.linked.orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join();
		return socket;
	}

	/**
	 * Sends the protocol's keep-alive: the real peer closes a link that is silent for 6
	 * s.
	 */
	void ping() {
		if (this.greeted) {
			send(FrameCodec.encode(new Frame.Ping()));
		}
	}

	/**
	 * Sends one frame, sealed; the JDK WebSocket allows one outstanding send at a time.
	 */
	private void send(byte[] frame) {
		FrameSealer frames = this.sealer;
		if (frames != null) {
			this.sendLock.lock();
			try {
				sendBinary(frames.seal(frame));
			}
			finally {
				this.sendLock.unlock();
			}
		}
	}

	private void sendBinary(byte[] bytes) {
		WebSocket current = this.socket;
		if (current == null || current.isOutputClosed()) {
			return;
		}
		this.sendLock.lock();
		try {
			current.sendBinary(java.nio.ByteBuffer.wrap(bytes), true).join();
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
	public CompletionStage<?> onBinary(WebSocket socket, java.nio.ByteBuffer data, boolean last) {
		long nanos = System.nanoTime();
		if (this.partialBinary.remaining() < data.remaining()) {
			this.partialBinary = java.nio.ByteBuffer
				.allocate(Math.max(2 * this.partialBinary.capacity(), this.partialBinary.position() + data.remaining()))
				.put(this.partialBinary.flip());
		}
		this.partialBinary.put(data);
		if (last) {
			java.nio.ByteBuffer frame = this.partialBinary.flip();
			try {
				received(frame, nanos);
			}
			finally {
				this.partialBinary.clear();
			}
		}
		socket.request(1);
		return null;
	}

	private void received(java.nio.ByteBuffer frame, long nanos) {
		FrameOpener frames = this.opener;
		try {
			if (frames == null) {
				byte[] answer = new byte[frame.remaining()];
				frame.get(answer);
				LinkHandshake.Finished finished = this.handshake.finish(answer);
				sendBinary(finished.auth());
				this.sealer = finished.session().sealer();
				this.opener = finished.session().opener();
				this.greeted = true;
				this.linked.complete(null);
				return;
			}
			frame(FrameCodec.decode(frames.open(frame)), nanos);
		}
		catch (SealException | FrameException ex) {
			System.err.println("sim " + this.username + " refused a frame: " + ex.getMessage());
			this.linked.completeExceptionally(ex);
		}
	}

	private void frame(Frame frame, long nanos) {
		if (!(frame instanceof Frame.Batch batch)) {
			return;
		}
		for (MessageRecord message : batch.messages()) {
			this.tally.accept(java.util.Objects.requireNonNullElse(message.string(MessageTag.TEXT), ""), nanos);
		}
		send(FrameCodec.encode(new Frame.Ack(batch.seq() + batch.messages().size() - 1)));
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
