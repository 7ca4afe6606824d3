package dev.p2pchat.link.signing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.p2pchat.link.identity.Identity;
import dev.p2pchat.link.identity.PublicIdentity;

/**
 * A sender's proof that it signed one message (or receipt): the Ed25519 signature of a
 * tree head (the root of an RFC 6962 hash tree over a batch of leaves, and the tree's
 * size), the leaf's index and its audit path. One signature covers the whole batch; each
 * leaf carries only its path ({@code ⌈log2 size⌉} hashes). Immutable.
 *
 * <p>
 * Encoded as {@code index (2 bytes) ‖ size (2) ‖ signature (64) ‖ path (32 each)}, and as
 * text in unpadded base64url.
 *
 * @param signature the tree head's signature
 * @param index the leaf's place, from 0
 * @param size the tree's leaves, 1 to {@link #MAX_LEAVES}
 * @param path the leaf's audit path, bottom up
 */
public record MessageProof(byte[] signature, int index, int size, List<byte[]> path) {

	/** Most leaves one signature covers. */
	public static final int MAX_LEAVES = 4096;

	/** Label of a tree head's signed bytes. */
	static final String TREE_HEAD = "p2pchat-tree-v1";

	public MessageProof {
		if (signature.length != PublicIdentity.SIGNATURE_LENGTH) {
			throw new IllegalArgumentException("a signature has 64 bytes");
		}
		if (size < 1 || size > MAX_LEAVES || index < 0 || index >= size) {
			throw new IllegalArgumentException("leaf " + index + " of a tree of " + size);
		}
		if (path.size() != MerkleTree.depth(index, size)) {
			throw new IllegalArgumentException(
					"an audit path of " + path.size() + " for leaf " + index + " of " + size);
		}
		for (byte[] hash : path) {
			if (hash.length != MerkleTree.HASH_LENGTH) {
				throw new IllegalArgumentException("a hash has 32 bytes");
			}
		}
		path = List.copyOf(path);
	}

	/**
	 * Signs a batch with one signature: a proof per leaf, in the leaves' order.
	 * @param leaves the leaf hashes ({@link MerkleTree#leafHash} of each
	 * {@link SignedForms} text), 1 to {@link #MAX_LEAVES}
	 */
	public static List<MessageProof> sign(Identity signer, List<byte[]> leaves) {
		if (leaves.isEmpty() || leaves.size() > MAX_LEAVES) {
			throw new IllegalArgumentException("1 to " + MAX_LEAVES + " leaves, not " + leaves.size());
		}
		byte[] root = MerkleTree.root(leaves);
		byte[] signature = signer.signFast(treeHead(root, leaves.size()));
		List<List<byte[]>> paths = MerkleTree.paths(leaves);
		List<MessageProof> proofs = new ArrayList<>(leaves.size());
		for (int i = 0; i < leaves.size(); i++) {
			proofs.add(new MessageProof(signature, i, leaves.size(), paths.get(i)));
		}
		return proofs;
	}

	/** The bytes a tree head's signature covers: label ‖ size (4 bytes) ‖ root. */
	public static byte[] treeHead(byte[] root, int size) {
		byte[] label = TREE_HEAD.getBytes(StandardCharsets.US_ASCII);
		return ByteBuffer.allocate(label.length + 4 + root.length).put(label).putInt(size).put(root).array();
	}

	/** The root this proof implies for {@code leaf}. */
	public byte[] root(byte[] leaf) {
		byte[] root = MerkleTree.rootFromPath(leaf, this.index, this.size, this.path);
		if (root == null) {
			throw new IllegalStateException("checked at construction");
		}
		return root;
	}

	/**
	 * Whether {@code signer} signed {@code leaf} with this proof. Costs one Ed25519
	 * verification: callers that check many leaves of one tree may remember a verified
	 * {@link #treeHeadOf} instead.
	 */
	public boolean verifies(PublicIdentity signer, byte[] leaf) {
		return signer.verifiesFast(treeHeadOf(leaf), this.signature);
	}

	/** The signed bytes this proof claims for {@code leaf}. */
	public byte[] treeHeadOf(byte[] leaf) {
		return treeHead(root(leaf), this.size);
	}

	/** The binary encoding. */
	public byte[] encode() {
		var out = ByteBuffer.allocate(4 + this.signature.length + MerkleTree.HASH_LENGTH * this.path.size());
		out.putShort((short) this.index).putShort((short) this.size).put(this.signature);
		this.path.forEach(out::put);
		return out.array();
	}

	/** The text encoding: {@link #encode()} in unpadded base64url. */
	public String text() {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(encode());
	}

	/**
	 * Reads the binary encoding.
	 * @throws IllegalArgumentException when the bytes are not exactly one proof
	 */
	public static MessageProof decode(byte[] bytes) {
		if (bytes.length < 4 + PublicIdentity.SIGNATURE_LENGTH) {
			throw new IllegalArgumentException("a proof has at least 68 bytes");
		}
		var in = ByteBuffer.wrap(bytes);
		int index = Short.toUnsignedInt(in.getShort());
		int size = Short.toUnsignedInt(in.getShort());
		byte[] signature = new byte[PublicIdentity.SIGNATURE_LENGTH];
		in.get(signature);
		if (in.remaining() % MerkleTree.HASH_LENGTH != 0) {
			throw new IllegalArgumentException("a proof's path is whole hashes");
		}
		List<byte[]> path = new ArrayList<>();
		while (in.hasRemaining()) {
			byte[] hash = new byte[MerkleTree.HASH_LENGTH];
			in.get(hash);
			path.add(hash);
		}
		return new MessageProof(signature, index, size, path);
	}

	/**
	 * Reads the text encoding (canonical unpadded base64url only).
	 * @return the proof, or {@code null} when the text is not one
	 */
	public static @Nullable MessageProof parse(String text) {
		try {
			byte[] bytes = Base64.getUrlDecoder().decode(text);
			if (!Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(text)) {
				return null;
			}
			return decode(bytes);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof MessageProof that && java.util.Arrays.equals(encode(), that.encode());
	}

	@Override
	public int hashCode() {
		return java.util.Arrays.hashCode(encode());
	}

	@Override
	public String toString() {
		return "proof of leaf " + this.index + " of " + this.size;
	}

}
