package dev.p2pchat.peer.messaging;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.p2pchat.peer.config.LocalPeer;
import dev.p2pchat.peer.mesh.Mesh;
import dev.p2pchat.peer.tracker.KnownPeer;
import dev.p2pchat.peer.tracker.NameBindings;
import dev.p2pchat.peer.tracker.PeerDirectory;

/**
 * "Someone is typing", outgoing: tells the peers (all, or the one of a private
 * conversation) that this peer's user is typing. Ephemeral: never stored, queued or shown
 * in history. At most one notice per {@link #SEND_EVERY} goes out to a peer (what the
 * peers tell arrives at {@link TypingNotices}). Thread-safe.
 */
public final class TypingRelay {

	/** Shortest time between two notices sent to one peer. */
	public static final Duration SEND_EVERY = Duration.ofSeconds(2);

	private final LocalPeer self;

	private final PeerDirectory directory;

	private final NameBindings names;

	private final Mesh mesh;

	private final RateGate sending;

	TypingRelay(LocalPeer self, PeerDirectory directory, NameBindings names, Mesh mesh, Clock clock) {
		this.self = self;
		this.directory = directory;
		this.names = names;
		this.mesh = mesh;
		this.sending = new RateGate(SEND_EVERY, clock);
	}

	/**
	 * This peer's user is typing a message to everyone ({@code to == null}) or privately
	 * to the peer of that username.
	 * @return the number of peers told now (0 when rate-limited or nobody is linked)
	 * @throws UnknownRecipientException when nobody of that name is known
	 * @throws InvalidMessageException when {@code to} names this peer
	 * @throws dev.p2pchat.peer.tracker.KeyChangedException when {@code to} is now held by
	 * another key than the one this peer trusts for it
	 */
	public int typing(@Nullable String to) {
		List<KnownPeer> peers = recipients(to);
		int told = 0;
		for (KnownPeer peer : peers) {
			if (this.sending.pass(peer.peerId()) && this.mesh.typing(peer.peerId(), to != null)) {
				told++;
			}
		}
		return told;
	}

	private List<KnownPeer> recipients(@Nullable String to) {
		if (to == null) {
			return this.directory.everyone();
		}
		if (to.equalsIgnoreCase(this.self.username())) {
			throw new InvalidMessageException("to", "cannot type a private message to yourself", false);
		}
		KnownPeer peer = this.directory.findByUsername(to).orElseThrow(() -> new UnknownRecipientException(to));
		// a name that changed hands is not told who is typing to it either
		this.names.requireTrusted(peer);
		return List.of(peer);
	}

}
