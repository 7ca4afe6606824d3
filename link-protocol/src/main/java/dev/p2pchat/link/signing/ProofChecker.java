package dev.p2pchat.link.signing;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.p2pchat.link.identity.PublicIdentity;
import dev.p2pchat.link.identity.Sha256;

/**
 * Checks message proofs, remembering the tree heads it has verified lately: the messages
 * of one signed batch cost one Ed25519 verification between them, the others only their
 * audit paths (a few SHA-256). Bounded; thread-safe.
 */
public final class ProofChecker {

	private static final int REMEMBERED = 256;

	private final Map<ByteBuffer, Boolean> verified = new LinkedHashMap<>(64, 0.75f, true) {
		@Override
		protected boolean removeEldestEntry(Map.Entry<ByteBuffer, Boolean> eldest) {
			return size() > REMEMBERED;
		}
	};

	private long verifications;

	/** Whether {@code signer} signed {@code leaf} with {@code proof}. */
	public boolean check(PublicIdentity signer, byte[] leaf, MessageProof proof) {
		byte[] head = proof.treeHeadOf(leaf);
		var digest = Sha256.newDigest();
		digest.update(signer.raw());
		digest.update(head);
		var key = ByteBuffer.wrap(digest.digest(proof.signature()));
		synchronized (this.verified) {
			if (this.verified.containsKey(key)) {
				return true;
			}
		}
		boolean good = signer.verifiesFast(head, proof.signature());
		synchronized (this.verified) {
			this.verifications++;
			if (good) {
				this.verified.put(key, Boolean.TRUE);
			}
		}
		return good;
	}

	/** How many Ed25519 verifications this checker has made. */
	public long verifications() {
		synchronized (this.verified) {
			return this.verifications;
		}
	}

}
