package dev.p2pchat.peer.mesh;

import java.time.Clock;
import java.util.List;

import lombok.extern.slf4j.Slf4j;
import org.jspecify.annotations.Nullable;

import dev.p2pchat.link.frame.Frame;
import dev.p2pchat.link.frame.MessageRecord;
import dev.p2pchat.link.reliability.ReceiveWindow;

/**
 * Where received messages enter this peer: a batch passes its sender's
 * {@link ReceiveWindow} (sequence numbers order the stream and say what to acknowledge),
 * a catch-up goes straight in; either way each message goes to the {@link MeshListener},
 * whose one rule decides whether it is shown (once per sender and id), and is kept before
 * the acknowledgement is owed. A message the listener refuses closes the link, after the
 * frame's other messages were handed over.
 */
@Slf4j
final class Inbox {

	private final Mesh mesh;

	private final Clock clock;

	Inbox(Mesh mesh, Clock clock) {
		this.mesh = mesh;
		this.clock = clock;
	}

	void batch(PeerLink link, RemotePeer remote, Frame.Batch batch) throws LinkException {
		link.active(this.clock.instant());
		var delivery = new Delivery(remote.peerId());
		ReceiveWindow window = this.mesh.inbound(remote.peerId());
		long ack = window.accept(remote.epoch(), batch.seq(), batch.messages(), delivery::deliver);
		if (ack > 0) {
			this.mesh.listener().storeReceived();
			if (window.owe(ack)) {
				this.mesh.outbox(remote.peerId()).ackOwed();
			}
		}
		delivery.throwRefusal();
	}

	void catchUp(PeerLink link, RemotePeer remote, Frame.CatchUp catchUp) throws LinkException {
		link.active(this.clock.instant());
		var delivery = new Delivery(remote.peerId());
		List<MessageRecord> messages = catchUp.messages();
		messages.forEach(delivery::deliver);
		this.mesh.listener().storeReceived();
		delivery.throwRefusal();
		log.debug("caught up on {} message(s) from {}", messages.size(), remote.username());
	}

	/** Hands one frame's messages to the listener; keeps the first refusal. */
	private final class Delivery {

		private final String peerId;

		private @Nullable RefusedMessageException refused;

		Delivery(String peerId) {
			this.peerId = peerId;
		}

		void deliver(MessageRecord message) {
			try {
				Inbox.this.mesh.listener().received(this.peerId, message);
			}
			catch (RefusedMessageException ex) {
				log.debug("refused a message from {}: {}", this.peerId, ex.getMessage());
				this.refused = (this.refused != null) ? this.refused : ex;
			}
			catch (IllegalArgumentException ex) {
				log.debug("invalid message from {}: {}", this.peerId, ex.getMessage());
				this.refused = (this.refused != null) ? this.refused
						: new RefusedMessageException(FrameRefusal.MALFORMED, "frame holds an invalid message");
			}
		}

		void throwRefusal() throws LinkException {
			if (this.refused != null) {
				throw new LinkException(this.refused);
			}
		}

	}

}
