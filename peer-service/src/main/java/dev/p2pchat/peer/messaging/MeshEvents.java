package dev.p2pchat.peer.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import lombok.extern.slf4j.Slf4j;
import org.jspecify.annotations.Nullable;

import dev.p2pchat.link.frame.MessageRecord;
import dev.p2pchat.peer.config.LocalPeer;
import dev.p2pchat.peer.mesh.LinkState;
import dev.p2pchat.peer.mesh.MeshListener;
import dev.p2pchat.peer.tracker.KnownPeer;
import dev.p2pchat.peer.tracker.PeerDirectory;

/**
 * Turns what the mesh reports into history entries and live events: received messages are
 * parsed ({@link ReceivedMessages}), shown once by the one duplicate rule (once per
 * sender and id, {@link Dedup}) and logged; typing notices and link changes are
 * published. (Directory changes are {@link PeerEvents}', what becomes of sent messages
 * {@link Receipts}' business.)
 */
@Slf4j
final class MeshEvents implements MeshListener {

	private final LocalPeer self;

	private final PeerDirectory directory;

	private final MessageLog history;

	private final Dedup dedup;

	private final ChatEvents events;

	private final Counter received;

	private final TypingNotices typing;

	private final ReceivedMessages parser;

	private final AtomicLong lastReceived = new AtomicLong();

	/** Broadcasts offered to a newly linked peer, per sender (SPEC: at least 100). */
	static final int MAX_CATCH_UP = 100;

	MeshEvents(LocalPeer self, PeerDirectory directory, MessageLog history, Dedup dedup, ChatEvents events,
			Counter received, TypingNotices typing, ReceivedMessages parser) {
		this.parser = parser;
		this.self = self;
		this.directory = directory;
		this.history = history;
		this.dedup = dedup;
		this.events = events;
		this.received = received;
		this.typing = typing;
	}

	@Override
	public void received(String peerId, MessageRecord received) {
		ChatMessage message = this.parser.parse(peerId, received);
		// the one duplicate rule: a sender's id once (another sender's id is another
		// message)
		if (this.dedup.firstTime(message.fromId(), message.id())) {
			long ticket = this.history.append(LoggedMessage.received(message));
			this.lastReceived.accumulateAndGet(ticket, Math::max);
			this.received.increment();
			log.debug("received {} from {}", message.id(), peerId);
			this.events.publish(new ChatEvent.Message(message));
		}
	}

	/**
	 * Peers this one has a conversation with (the history holds a message from them, or a
	 * private one to them) keep their links before strangers when the links are at their
	 * bound.
	 */
	@Override
	public boolean preferred(String peerId) {
		return this.history.talksWith(peerId);
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
	public List<MessageRecord> catchUp(String peerId, @Nullable UUID since) {
		List<MessageRecord> offer = new ArrayList<>();
		for (ChatMessage message : this.history.missedBy(peerId, this.self.id(), since, MAX_CATCH_UP)) {
			if (this.parser.offerable(message)) {
				// an older one would be refused by the receiver's sentAt rule
				offer.add(WireMessages.encode(message));
			}
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

	private void publishPeer(String kind, KnownPeer peer, LinkState state) {
		this.events.publish(new ChatEvent.Peer(kind, peer.peerId(), peer.username(), peer.url(), state));
	}

}
