package dev.p2pchat.link.signing;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Known answers: Certificate Transparency's reference Merkle tree test data (RFC 6962).
 */
class MerkleTreeTests {

	private static final HexFormat HEX = HexFormat.of();

	private static final List<String> INPUTS = List.of("", "00", "10", "2021", "3031", "40414243", "5051525354555657",
			"606162636465666768696a6b6c6d6e6f");

	private static final List<String> ROOTS = List.of(
			"6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
			"fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
			"aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
			"d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
			"4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
			"76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
			"ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
			"5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

	@Test
	void rootWhenGivenTheReferenceInputsMatchesTheReferenceRoots() {
		for (int n = 1; n <= INPUTS.size(); n++) {
			assertThat(HEX.formatHex(MerkleTree.root(leaves(n)))).as("tree of %d", n).isEqualTo(ROOTS.get(n - 1));
		}
	}

	@Test
	void pathWhenGivenTheReferenceCaseMatchesTheReferencePath() {
		assertThat(MerkleTree.path(leaves(5), 2)).extracting(HEX::formatHex)
			.containsExactly("07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7",
					"fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
					"bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b");
	}

	@Test
	void pathsWhenComputedAtOnceEqualEachPathAndLeadBackToTheRoot() {
		for (int n = 1; n <= 40; n++) {
			List<byte[]> leaves = new ArrayList<>();
			for (int i = 0; i < n; i++) {
				leaves.add(MerkleTree.leafHash(new byte[] { (byte) i, (byte) n }));
			}
			byte[] root = MerkleTree.root(leaves);
			List<List<byte[]>> paths = MerkleTree.paths(leaves);
			for (int i = 0; i < n; i++) {
				assertThat(paths.get(i)).as("leaf %d of %d", i, n)
					.usingElementComparator(java.util.Arrays::compare)
					.containsExactlyElementsOf(MerkleTree.path(leaves, i));
				assertThat(paths.get(i)).hasSize(MerkleTree.depth(i, n));
				assertThat(MerkleTree.rootFromPath(leaves.get(i), i, n, paths.get(i))).isEqualTo(root);
			}
		}
	}

	@Test
	void rootFromPathWhenLeafIndexOrPathIsWrongImpliesAnotherRootOrNone() {
		List<byte[]> leaves = leaves(7);
		byte[] root = MerkleTree.root(leaves);
		List<byte[]> path = MerkleTree.path(leaves, 3);

		assertThat(MerkleTree.rootFromPath(leaves.get(4), 3, 7, path)).as("another leaf").isNotEqualTo(root);
		assertThat(MerkleTree.rootFromPath(leaves.get(3), 2, 7, path)).as("another index").isNotEqualTo(root);
		// (a size with the same path shape implies the same root: the signed tree head
		// binds the size, see MessageProofTests)
		assertThat(MerkleTree.rootFromPath(leaves.get(3), 3, 7, path.subList(1, path.size()))).as("short path")
			.isNull();
		assertThat(MerkleTree.rootFromPath(leaves.get(3), 7, 7, path)).as("index past the tree").isNull();
	}

	private static List<byte[]> leaves(int n) {
		return INPUTS.subList(0, n).stream().map(HEX::parseHex).map(MerkleTree::leafHash).toList();
	}

}
