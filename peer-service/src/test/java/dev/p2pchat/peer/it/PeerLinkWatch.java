package dev.p2pchat.peer.it;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.p2pchat.peer.messaging.ChatEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Records the link changes one peer reports for another, to show a link was never closed,
 * superseded or redialled meanwhile.
 */
final class PeerLinkWatch {

	private final List<ChatEvent.Peer> changes = new CopyOnWriteArrayList<>();

	static PeerLinkWatch of(TestPeer watcher, String peerId) {
		var watch = new PeerLinkWatch();
		watcher.chat().subscribe((event) -> {
			if (event instanceof ChatEvent.Peer peer && peer.peerId().equals(peerId)) {
				watch.changes.add(peer);
			}
		});
		return watch;
	}

	List<ChatEvent.Peer> changes() {
		return this.changes;
	}

	/** No link change at all: the link that was up is the one still up. */
	void assertUntouched() {
		assertThat(this.changes).isEmpty();
	}

}
