package dev.p2pchat.link.signing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.p2pchat.link.identity.Identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class MessageProofTests {

	private static final HexFormat HEX = HexFormat.of();

	/** RFC 8032 §7.1 test 1. */
	private static final Identity ALICE = Identity
		.fromSeed(HEX.parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));

	private static final UUID ID = UUID.fromString("019ab7c0-0000-7000-8000-000000000001");

	@Test
	void signFastWhenGivenRfc8032TestOneMakesItsSignature() {
		assertThat(HEX.formatHex(ALICE.signFast(new byte[0]))).isEqualTo(
				"e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
		byte[] data = "p2pchat".getBytes();
		assertThat(ALICE.signFast(data)).as("the JDK's signature").isEqualTo(ALICE.sign(data));
		assertThat(ALICE.publicIdentity().verifiesFast(data, ALICE.sign(data))).isTrue();
		assertThat(ALICE.publicIdentity().verifies(data, ALICE.signFast(data))).isTrue();
	}

	@Test
	void messageFormWhenFixedMatchesItsPinnedBytes() {
		byte[] form = SignedForms.message(ID, "a".repeat(52), "alice", null, null, "hi",
				Instant.parse("2025-11-25T16:00:00.123Z"));

		assertThat(HEX.formatHex(form)).isEqualTo("00000012703270636861742d6d6573736167652d7631"
				+ "00000010019ab7c0000070008000000000000001" + "00000034" + "61".repeat(52) + "00000005616c696365"
				+ "ffffffffffffffff" + "000000026869" + "0000000c000000006925d2800754d4c0");
		assertThat(HEX.formatHex(MerkleTree.leafHash(form)))
			.isEqualTo("1a094fb888ad70ece8c193a96280032f58dc330fcb153e5f2c155f33cc146e96");
		assertThat(HEX.formatHex(
				dev.p2pchat.link.identity.Sha256.digest(SignedForms.receipt(ID, "a".repeat(52), "b".repeat(52)))))
			.isEqualTo("6ce9446df33b0d6e584d3fe0be15fc3f7874aad34df73d30a93954ddde33bcde");
	}

	@Test
	void messageFormWhenAnyFieldDiffersDiffers() {
		Instant at = Instant.parse("2025-11-25T16:00:00.123Z");
		byte[] form = SignedForms.message(ID, "p", "alice", null, null, "hi", at);

		assertThat(SignedForms.message(ID, "p", "alice", "q", "bob", "hi", at)).isNotEqualTo(form);
		assertThat(SignedForms.message(ID, "p", "alice", null, null, "hi!", at)).isNotEqualTo(form);
		assertThat(SignedForms.message(ID, "p", "alic", null, null, "ehi", at)).as("fields shifted").isNotEqualTo(form);
		assertThat(SignedForms.message(ID, "p", "alice", null, null, "hi", at.plusNanos(1))).isNotEqualTo(form);
		assertThat(SignedForms.message(UUID.randomUUID(), "p", "alice", null, null, "hi", at)).isNotEqualTo(form);
	}

	@Test
	void signWhenBatchIsSignedGivesEachLeafAProofThatVerifiesOnlyForIt() {
		List<byte[]> leaves = leaves(37);

		List<MessageProof> proofs = MessageProof.sign(ALICE, leaves);

		assertThat(proofs).hasSize(37);
		assertThat(proofs).extracting(MessageProof::signature)
			.as("one signature for all")
			.allSatisfy((signature) -> assertThat(signature).isEqualTo(proofs.getFirst().signature()));
		for (int i = 0; i < leaves.size(); i++) {
			assertThat(proofs.get(i).verifies(ALICE.publicIdentity(), leaves.get(i))).isTrue();
			assertThat(proofs.get(i).verifies(ALICE.publicIdentity(), leaves.get((i + 1) % 37))).as("another leaf")
				.isFalse();
			assertThat(proofs.get(i).verifies(Identity.generate().publicIdentity(), leaves.get(i))).as("another signer")
				.isFalse();
		}
	}

	@Test
	void signWhenTreeIsPinnedMakesThePinnedSignature() {
		// the tree head is the only thing signed: the JDK's signature of its bytes
		List<byte[]> leaves = leaves(3);
		byte[] head = MessageProof.treeHead(MerkleTree.root(leaves), 3);

		assertThat(MessageProof.sign(ALICE, leaves).getFirst().signature()).isEqualTo(ALICE.sign(head));
		assertThat(HEX.formatHex(head)).startsWith(HEX.formatHex("p2pchat-tree-v1".getBytes()) + "00000003");
	}

	@Test
	void textWhenParsedGivesTheSameProofAndAnyFlippedBitFails() {
		List<byte[]> leaves = leaves(5);
		MessageProof proof = MessageProof.sign(ALICE, leaves).get(2);
		byte[] bytes = proof.encode();

		assertThat(bytes).hasSize(4 + 64 + 3 * 32);
		assertThat(MessageProof.parse(proof.text())).isEqualTo(proof);
		for (int bit = 0; bit < bytes.length * 8; bit++) {
			byte[] flipped = bytes.clone();
			flipped[bit / 8] ^= (byte) (1 << (bit % 8));
			MessageProof tampered;
			try {
				tampered = MessageProof.decode(flipped);
			}
			catch (IllegalArgumentException ex) {
				continue;
			}
			assertThat(tampered.verifies(ALICE.publicIdentity(), leaves.get(2))).as("bit %d", bit).isFalse();
		}
	}

	@Test
	void parseWhenTextIsNotAProofGivesNone() {
		MessageProof proof = MessageProof.sign(ALICE, leaves(5)).get(2);

		assertThat(MessageProof.parse(proof.text() + "A")).isNull();
		assertThat(MessageProof.parse(proof.text().substring(0, 100))).isNull();
		assertThat(MessageProof.parse("!!")).isNull();
		assertThat(MessageProof.parse("")).isNull();
		assertThatIllegalArgumentException().isThrownBy(() -> MessageProof.sign(ALICE, List.of()));
	}

	@Test
	void checkerWhenLeavesShareATreeVerifiesItsSignatureOnce() {
		List<byte[]> leaves = leaves(100);
		List<MessageProof> proofs = MessageProof.sign(ALICE, leaves);
		var checker = new ProofChecker();

		for (int i = 0; i < leaves.size(); i++) {
			assertThat(checker.check(ALICE.publicIdentity(), leaves.get(i), proofs.get(i))).isTrue();
		}
		assertThat(checker.check(ALICE.publicIdentity(), leaves.get(1), proofs.get(0))).isFalse();

		assertThat(checker.verifications()).isEqualTo(2);
	}

	private static List<byte[]> leaves(int n) {
		List<byte[]> leaves = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			leaves.add(MerkleTree.leafHash(SignedForms.message(new UUID(1, i), ALICE.peerId(), "alice", null, null,
					"message " + i, Instant.EPOCH)));
		}
		return leaves;
	}

}
