package dev.p2pchat.peer.messaging;

import java.util.ArrayList;
import java.util.List;

import dev.p2pchat.link.identity.Identity;
import dev.p2pchat.link.identity.PublicIdentity;
import dev.p2pchat.link.signing.MerkleTree;
import dev.p2pchat.link.signing.MessageProof;
import dev.p2pchat.peer.mesh.FrameRefusal;
import dev.p2pchat.peer.mesh.RefusedMessageException;

/**
 * The signed tree heads of one link (ADR 0006): the sender signs, at most once per
 * interval, a tree over the messages it wrote on the link since its last head and sends
 * only the count and the signature; the receiver, which got those messages in order,
 * rebuilds the leaves itself and so learns each message's proof for a few bytes on the
 * wire. Not thread-safe: each side is used by its link's one reader or writer.
 */
final class StreamTrees {

	private StreamTrees() {
	}

	/**
	 * A head on the wire: the last {@code count} messages of the link, signed.
	 *
	 * @param count how many messages the tree covers, 1 to
	 * {@link MessageProof#MAX_LEAVES}
	 * @param signature the tree head's signature
	 */
	record Head(int count, byte[] signature) {

	}

	/** A message with its sender's proof. */
	record Proven(ChatMessage message, MessageProof proof) {

	}

	/** The sending side. */
	static final class Outgoing {

		private final Identity signer;

		private final List<byte[]> leaves = new ArrayList<>();

		Outgoing(Identity signer) {
			this.signer = signer;
		}

		/** A message written on the link. */
		void written(ChatMessage message) {
			this.leaves.add(MessageSignatures.leaf(message));
		}

		/**
		 * Whether a head is due now: the tree is full, or {@code dueAnyway} and not
		 * empty.
		 */
		boolean due(boolean dueAnyway) {
			return this.leaves.size() >= MessageProof.MAX_LEAVES || (dueAnyway && !this.leaves.isEmpty());
		}

		/** Signs the messages written since the last head. */
		Head head() {
			List<byte[]> covered = List.copyOf(this.leaves);
			this.leaves.clear();
			byte[] root = MerkleTree.root(covered);
			return new Head(covered.size(), this.signer.signFast(MessageProof.treeHead(root, covered.size())));
		}

	}

	/** The receiving side. */
	static final class Incoming {

		private final PublicIdentity sender;

		private final List<ChatMessage> received = new ArrayList<>();

		Incoming(PublicIdentity sender) {
			this.sender = sender;
		}

		/** A message read from the link, exactly as its sender wrote it. */
		void received(ChatMessage message) {
			if (this.received.size() >= MessageProof.MAX_LEAVES) {
				throw new RefusedMessageException(FrameRefusal.SIGNATURE,
						"more than " + MessageProof.MAX_LEAVES + " messages without a signed tree head");
			}
			this.received.add(message);
		}

		/**
		 * The proofs a head gives the messages it covers, checked (one verification).
		 * @throws RefusedMessageException when it covers more than the link brought, or
		 * its signature fails
		 */
		List<Proven> head(Head head) {
			if (head.count() < 1 || head.count() > this.received.size()) {
				throw new RefusedMessageException(FrameRefusal.SIGNATURE,
						"a tree head over " + head.count() + " of " + this.received.size() + " messages");
			}
			List<ChatMessage> covered = List.copyOf(this.received.subList(0, head.count()));
			this.received.subList(0, head.count()).clear();
			List<byte[]> leaves = covered.stream().map(MessageSignatures::leaf).toList();
			if (!this.sender.verifiesFast(MessageProof.treeHead(MerkleTree.root(leaves), leaves.size()),
					head.signature())) {
				throw new RefusedMessageException(FrameRefusal.SIGNATURE, "a tree head whose signature fails");
			}
			List<List<byte[]>> paths = MerkleTree.paths(leaves);
			List<Proven> proven = new ArrayList<>(covered.size());
			for (int i = 0; i < covered.size(); i++) {
				proven.add(new Proven(covered.get(i),
						new MessageProof(head.signature(), i, covered.size(), paths.get(i))));
			}
			return proven;
		}

	}

}
