package dev.p2pchat.peer.messaging;

import java.time.Clock;
import java.time.Duration;

import dev.p2pchat.peer.config.LocalPeer;
import dev.p2pchat.peer.tracker.PeerDirectory;

/**
 * "Someone is typing", incoming: turns what the peers tell into live
 * {@link ChatEvent.Typing} events, at most one per {@link #ACCEPT_EVERY} from a peer
 * (below the {@link TypingRelay#SEND_EVERY} a sender keeps to); the rest is dropped.
 * Thread-safe.
 */
final class TypingNotices {

	/** Shortest time between two notices relayed from one peer (below the sender's). */
	static final Duration ACCEPT_EVERY = Duration.ofSeconds(1);

	private final LocalPeer self;

	private final PeerDirectory directory;

	private final ChatEvents events;

	private final RateGate accepting;

	TypingNotices(LocalPeer self, PeerDirectory directory, ChatEvents events, Clock clock) {
		this.self = self;
		this.directory = directory;
		this.events = events;
		this.accepting = new RateGate(ACCEPT_EVERY, clock);
	}

	/** A peer's typing notice arrived over its link. */
	void received(String peerId, boolean privately) {
		if (!this.accepting.pass(peerId)) {
			return;
		}
		this.directory.find(peerId)
			.ifPresent((peer) -> this.events.publish(
					new ChatEvent.Typing(peer.peerId(), peer.username(), privately ? this.self.username() : null)));
	}

}
