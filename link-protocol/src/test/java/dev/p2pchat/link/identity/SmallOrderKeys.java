package dev.p2pchat.link.identity;

import java.util.List;

/**
 * The eight Ed25519 points of small order (the torsion subgroup), canonically encoded, as
 * hex: the neutral element, the point of order 2, two of order 4 and four of order 8. No
 * identity may be one of them. Shared with the tracker's tests (this module's test jar).
 */
public final class SmallOrderKeys {

	/** The eight encodings. */
	public static final List<String> HEX = List.of("0100000000000000000000000000000000000000000000000000000000000000",
			"ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
			"0000000000000000000000000000000000000000000000000000000000000000",
			"0000000000000000000000000000000000000000000000000000000000000080",
			"c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
			"c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa",
			"26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
			"26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85");

	private SmallOrderKeys() {
	}

	/** The encodings, for {@code @MethodSource}. */
	public static List<String> hex() {
		return HEX;
	}

	/**
	 * The signature (R = neutral element, S = 0), which JDK 25's cofactorless verifier
	 * accepts for any text under the neutral-element key.
	 */
	public static byte[] forgedSignature() {
		byte[] signature = new byte[64];
		signature[0] = 1;
		return signature;
	}

}
