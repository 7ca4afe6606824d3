package dev.p2pchat.peer.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import lombok.extern.slf4j.Slf4j;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import dev.p2pchat.peer.config.LocalPeer;
import dev.p2pchat.peer.config.Username;
import dev.p2pchat.peer.mesh.LinkState;
import dev.p2pchat.peer.mesh.Mesh;
import dev.p2pchat.peer.mesh.MeshListener;
import dev.p2pchat.peer.tracker.DirectoryListener;
import dev.p2pchat.peer.tracker.KnownPeer;
import dev.p2pchat.peer.tracker.PeerDirectory;

/**
 * Turns what the mesh and the directory report into history entries and live events:
 * received messages are checked, de-duplicated and logged; link and directory changes are
 * published. (What becomes of sent messages is {@link Receipts}' business.)
 */
@Slf4j
final class MeshEvents implements MeshListener, DirectoryListener {

	private final LocalPeer self;

	private final PeerDirectory directory;

	private final Mesh mesh;

	private final JsonMapper json;

	private final MessageLog history;

	private final Dedup dedup;

	private final ChatEvents events;

	private final Counter received;

	private final TypingRelay typing;

	private final AtomicLong lastReceived = new AtomicLong();

	/** Broadcasts offered to a newly linked peer, per sender (SPEC: at least 100). */
	static final int MAX_CATCH_UP = 100;

	MeshEvents(LocalPeer self, PeerDirectory directory, Mesh mesh, JsonMapper json, MessageLog history, Dedup dedup,
			ChatEvents events, Counter received, TypingRelay typing) {
		this.self = self;
		this.directory = directory;
		this.mesh = mesh;
		this.json = json;
		this.history = history;
		this.dedup = dedup;
		this.events = events;
		this.received = received;
		this.typing = typing;
	}

	@Override
	public Class<?> messageType() {
		return ChatMessage.class;
	}

	@Override
	public void received(String peerId, Object received) {
		ChatMessage message;
		try {
			message = (received instanceof ChatMessage chat) ? chat
					: this.json.convertValue(received, ChatMessage.class);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("not a chat message", ex);
		}
		if (!message.fromId().equals(peerId)) {
			throw new IllegalArgumentException("message claims another sender");
		}
		if (message.toId() != null && !message.toId().equals(this.self.id())) {
			throw new IllegalArgumentException("private message for another peer");
		}
		if (!nameIsTheSenders(peerId, message.from())) {
			throw new IllegalArgumentException("message claims another peer's name");
		}
		message = underListedName(peerId, message);
		LoggedMessage held = this.history.find(message.id()).orElse(null);
		if (held != null && !held.message().fromId().equals(peerId)) {
			// an id is its sender's: another sender reusing it must not shadow that
			// message
			log.warn("dropped a message from {} reusing the id of a message from another sender", peerId);
			return;
		}
		if (this.dedup.firstTime(message.id())) {
			long ticket = this.history.append(LoggedMessage.received(message));
			this.lastReceived.accumulateAndGet(ticket, Math::max);
			this.received.increment();
			log.debug("received {} from {}", message.id(), peerId);
			this.events.publish(new ChatEvent.Message(message));
		}
	}

	/**
	 * A listed sender's messages show the name the tracker lists for it, whatever they
	 * say: a peer cannot pass its messages off under a name it held earlier, or one
	 * another peer held (or this peer's owner held) before a rename.
	 */
	private ChatMessage underListedName(String peerId, ChatMessage message) {
		KnownPeer sender = this.directory.find(peerId).orElse(null);
		if (sender == null || sender.username().equals(message.from())) {
			return message;
		}
		return new ChatMessage(message.id(), message.fromId(), sender.username(), message.toId(), message.to(),
				message.text(), message.sentAt());
	}

	/**
	 * The sender is the link's authenticated peer; the name it puts on a message must not
	 * be another known peer's. (It may differ from the name listed now: a rename and a
	 * message can cross.)
	 */
	private boolean nameIsTheSenders(String peerId, String from) {
		KnownPeer sender = this.directory.find(peerId).orElse(null);
		if (sender != null && sender.username().equalsIgnoreCase(from)) {
			return true;
		}
		return Username.isValid(from)
				&& this.directory.findByUsername(from).map((holder) -> holder.peerId().equals(peerId)).orElse(true)
				&& !from.equalsIgnoreCase(this.self.username());
	}

	/**
	 * Received messages are acknowledged only once they are kept: a crash cannot lose
	 * them.
	 */
	@Override
	public void storeReceived() {
		this.history.await(this.lastReceived.get());
	}

	@Override
	public @Nullable UUID newestFrom(String peerId) {
		return this.history.newestFrom(peerId);
	}

	@Override
	public List<String> catchUp(String peerId, @Nullable UUID since) {
		List<String> offer = new ArrayList<>();
		for (ChatMessage message : this.history.missedBy(peerId, this.self.id(), since, MAX_CATCH_UP)) {
			offer.add(this.json.writeValueAsString(message));
		}
		return offer;
	}

	@Override
	public void typing(String peerId, boolean privately) {
		this.typing.received(peerId, privately);
	}

	@Override
	public void linkChanged(String peerId, LinkState state) {
		this.directory.find(peerId).ifPresent((peer) -> publishPeer("link", peer, state));
	}

	@Override
	public void joined(KnownPeer peer) {
		publishPeer("joined", peer, this.mesh.linkState(peer.peerId()));
	}

	@Override
	public void left(KnownPeer peer) {
		publishPeer("left", peer, this.mesh.linkState(peer.peerId()));
	}

	@Override
	public void renamed(KnownPeer peer, String previousUsername) {
		this.events.publish(new ChatEvent.Renamed(peer.peerId(), peer.username(), previousUsername));
	}

	private void publishPeer(String kind, KnownPeer peer, LinkState state) {
		this.events.publish(new ChatEvent.Peer(kind, peer.peerId(), peer.username(), peer.url(), state));
	}

}
