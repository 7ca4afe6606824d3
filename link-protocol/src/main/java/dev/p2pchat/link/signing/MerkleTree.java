package dev.p2pchat.link.signing;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

import dev.p2pchat.link.identity.Sha256;

/**
 * The Merkle hash tree of RFC 6962 (Certificate Transparency, §2.1): a leaf is
 * {@code SHA-256(0x00 ‖ data)}, an inner node {@code SHA-256(0x01 ‖ left ‖ right)}, and a
 * tree of {@code n > 1} leaves splits at the largest power of two below {@code n}. An
 * audit path lists the siblings from the leaf up. Stateless.
 */
public final class MerkleTree {

	/** Length of a hash. */
	public static final int HASH_LENGTH = 32;

	private MerkleTree() {
	}

	/** The leaf hash of {@code data}. */
	public static byte[] leafHash(byte[] data) {
		MessageDigest digest = Sha256.newDigest();
		digest.update((byte) 0);
		return digest.digest(data);
	}

	/** The root of a tree of these leaf hashes (at least one). */
	public static byte[] root(List<byte[]> leaves) {
		if (leaves.isEmpty()) {
			throw new IllegalArgumentException("a tree has at least one leaf");
		}
		return root(leaves, 0, leaves.size());
	}

	/** The audit path of leaf {@code index}: its siblings from the bottom up. */
	public static List<byte[]> path(List<byte[]> leaves, int index) {
		if (index < 0 || index >= leaves.size()) {
			throw new IllegalArgumentException("leaf " + index + " of " + leaves.size());
		}
		List<byte[]> path = new ArrayList<>();
		collect(leaves, 0, leaves.size(), index, path);
		return path;
	}

	/**
	 * Every leaf's audit path at once, in O(n log n) hashes (one {@link #path} per leaf
	 * would be quadratic).
	 */
	public static List<List<byte[]>> paths(List<byte[]> leaves) {
		if (leaves.isEmpty()) {
			throw new IllegalArgumentException("a tree has at least one leaf");
		}
		List<List<byte[]>> paths = new ArrayList<>(leaves.size());
		for (int i = 0; i < leaves.size(); i++) {
			paths.add(new ArrayList<>());
		}
		fill(leaves, 0, leaves.size(), paths);
		return paths;
	}

	/**
	 * Appends each leaf's siblings in [from, to) bottom-up; returns the subtree's root.
	 */
	private static byte[] fill(List<byte[]> leaves, int from, int to, List<List<byte[]>> paths) {
		if (to - from == 1) {
			return leaves.get(from);
		}
		int k = split(to - from);
		byte[] left = fill(leaves, from, from + k, paths);
		byte[] right = fill(leaves, from + k, to, paths);
		for (int i = from; i < to; i++) {
			paths.get(i).add((i < from + k) ? right : left);
		}
		return node(left, right);
	}

	/**
	 * The root that a leaf at {@code index} of a tree of {@code size} leaves with this
	 * audit path implies, or {@code null} when the path has not the length such a tree
	 * needs.
	 */
	public static byte @org.jspecify.annotations.Nullable [] rootFromPath(byte[] leaf, int index, int size,
			List<byte[]> path) {
		if (index < 0 || index >= size || path.size() != depth(index, size)) {
			return null;
		}
		return climb(leaf, index, size, path, path.size() - 1);
	}

	/** How many siblings the audit path of leaf {@code index} of {@code size} has. */
	public static int depth(int index, int size) {
		int depth = 0;
		int from = 0;
		int n = size;
		while (n > 1) {
			int k = split(n);
			if (index - from < k) {
				n = k;
			}
			else {
				from += k;
				n -= k;
			}
			depth++;
		}
		return depth;
	}

	private static byte[] climb(byte[] leaf, int index, int size, List<byte[]> path, int top) {
		if (size == 1) {
			return leaf;
		}
		int k = split(size);
		byte[] sibling = path.get(top);
		if (index < k) {
			return node(climb(leaf, index, k, path, top - 1), sibling);
		}
		return node(sibling, climb(leaf, index - k, size - k, path, top - 1));
	}

	private static void collect(List<byte[]> leaves, int from, int to, int index, List<byte[]> path) {
		int n = to - from;
		if (n == 1) {
			return;
		}
		int k = split(n);
		if (index < from + k) {
			collect(leaves, from, from + k, index, path);
			path.add(root(leaves, from + k, to));
		}
		else {
			collect(leaves, from + k, to, index, path);
			path.add(root(leaves, from, from + k));
		}
	}

	private static byte[] root(List<byte[]> leaves, int from, int to) {
		if (to - from == 1) {
			return leaves.get(from);
		}
		int k = split(to - from);
		return node(root(leaves, from, from + k), root(leaves, from + k, to));
	}

	private static byte[] node(byte[] left, byte[] right) {
		MessageDigest digest = Sha256.newDigest();
		digest.update((byte) 1);
		digest.update(left);
		return digest.digest(right);
	}

	/** The largest power of two below {@code n} (n ≥ 2). */
	private static int split(int n) {
		return Integer.highestOneBit(n - 1);
	}

}
