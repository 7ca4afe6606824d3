package dev.p2pchat.peer.mesh;

import java.io.IOException;

import lombok.extern.slf4j.Slf4j;

import dev.p2pchat.link.frame.Frame;
import dev.p2pchat.link.frame.FrameCodec;
import dev.p2pchat.peer.config.LocalPeer;

/**
 * Where the link protocol hands the frames of relayed links and dial-backs: an open for
 * another peer goes to the {@link RelayTable} (this peer relays), one for this peer and
 * every frame of a circuit this peer ends go to the {@link CircuitEnds}, a dial-back
 * request to the {@link DialBacks}. Circuits run over direct links only: a relayed link
 * carries none. Thread-safe.
 */
@Slf4j
final class Reach {

	private final LocalPeer self;

	private final RelayTable relays;

	private final CircuitEnds ends;

	private final DialBacks dialBacks;

	Reach(LocalPeer self, RelayTable relays, CircuitEnds ends, DialBacks dialBacks) {
		this.self = self;
		this.relays = relays;
		this.ends = ends;
		this.dialBacks = dialBacks;
	}

	CircuitEnds ends() {
		return this.ends;
	}

	DialBacks dialBacks() {
		return this.dialBacks;
	}

	RelayTable relays() {
		return this.relays;
	}

	void frame(PeerLink link, Frame.Circuit frame) throws IOException {
		if (link.session() instanceof CircuitSession) {
			if (frame instanceof Frame.CircuitOpen open) {
				link.send(FrameCodec.encode(new Frame.CircuitRefuse(open.circuit(), "no circuit over a relayed link")));
			}
			return;
		}
		switch (frame) {
			case Frame.DialBack dialBack -> this.dialBacks.requested(link.peerId());
			case Frame.CircuitOpen open when !open.to().equals(this.self.id()) -> this.relays.open(link, open);
			default -> {
				if (this.relays.relays(link, frame)) {
					this.relays.frame(link, frame);
				}
				else {
					this.ends.frame(link, frame);
				}
			}
		}
	}

	/** A link closed: the circuits over it close too. */
	void linkClosed(PeerLink link) {
		if (link.session() instanceof CircuitSession) {
			return;
		}
		this.relays.linkClosed(link);
		this.ends.relayClosed(link);
	}

}
