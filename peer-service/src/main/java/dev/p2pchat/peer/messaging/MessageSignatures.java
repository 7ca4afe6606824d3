package dev.p2pchat.peer.messaging;

import java.util.ArrayList;
import java.util.List;

import dev.p2pchat.link.identity.Identity;
import dev.p2pchat.link.identity.PublicIdentity;
import dev.p2pchat.link.signing.MerkleTree;
import dev.p2pchat.link.signing.MessageProof;
import dev.p2pchat.link.signing.ProofChecker;
import dev.p2pchat.link.signing.SignedForms;

/**
 * Chat messages signed and checked as ADR 0006 says: one signature over a hash tree of a
 * batch, each message with its proof; a check costs one verification per tree.
 * Thread-safe.
 */
final class MessageSignatures {

	private final ProofChecker checker = new ProofChecker();

	/** The leaf hash of a message's signed form. */
	static byte[] leaf(ChatMessage message) {
		return MerkleTree.leafHash(SignedForms.message(message.id(), message.fromId(), message.from(), message.toId(),
				message.to(), message.text(), message.sentAt()));
	}

	/**
	 * Signs these messages of {@code signer}'s with one signature: a proof each, in
	 * order.
	 */
	static List<MessageProof> sign(Identity signer, List<ChatMessage> messages) {
		List<byte[]> leaves = new ArrayList<>(messages.size());
		for (ChatMessage message : messages) {
			leaves.add(leaf(message));
		}
		return MessageProof.sign(signer, leaves);
	}

	/**
	 * Whether {@code message} is its sender's, exactly as it reads: {@code key} is the
	 * key of its {@code fromId} (the peerId is the key's SHA-256, so no directory is
	 * asked) and {@code proof} is that key's signature of it.
	 */
	boolean verified(ChatMessage message, PublicIdentity key, MessageProof proof) {
		return key.peerId().equals(message.fromId()) && this.checker.check(key, leaf(message), proof);
	}

	/** How many Ed25519 verifications the checks have cost. */
	long verifications() {
		return this.checker.verifications();
	}

}
