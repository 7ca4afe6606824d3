package dev.p2pchat.link.identity;

import java.util.HexFormat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Which raw keys may be an identity: every canonical point of large order, and nothing
 * else.
 */
class PublicIdentityTests {

	private static final HexFormat HEX = HexFormat.of();

	/** The eight points of small order ({@link SmallOrderKeys}). */
	@ParameterizedTest
	@MethodSource("dev.p2pchat.link.identity.SmallOrderKeys#hex")
	void ofWhenKeyIsOfSmallOrderRefusesIt(String hex) {
		assertThatIllegalArgumentException().isThrownBy(() -> PublicIdentity.of(HEX.parseHex(hex)))
			.withMessageContaining("small order");
	}

	/**
	 * Second spellings: y = p, y = p + 1 (the neutral element again), y = 2^255 - 1, and
	 * x = 0 with its sign bit set (the neutral element and the point of order 2).
	 */
	@ParameterizedTest
	@ValueSource(strings = { "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
			"eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
			"ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
			"0100000000000000000000000000000000000000000000000000000000000080",
			"ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff" })
	void ofWhenKeyIsNotCanonicalRefusesIt(String hex) {
		assertThatIllegalArgumentException().isThrownBy(() -> PublicIdentity.of(HEX.parseHex(hex)))
			.withMessageContaining("not a canonical");
	}

	@Test
	void ofWhenBytesAreNoPointRefusesThem() {
		// y = 2: (y² - 1) / (d·y² + 1) is not a square mod p
		byte[] raw = new byte[32];
		raw[0] = 2;

		assertThatIllegalArgumentException().isThrownBy(() -> PublicIdentity.of(raw))
			.withMessageContaining("not a point on the curve");
	}

	@Test
	void ofWhenKeyIsAGeneratedOrRfcKeyAcceptsIt() {
		byte[] generated = Identity.generate().publicIdentity().raw();
		byte[] rfc = HEX.parseHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");

		assertThat(PublicIdentity.of(generated).raw()).isEqualTo(generated);
		assertThat(PublicIdentity.of(rfc).peerId()).isEqualTo(PeerId.of(rfc));
		assertThat(PublicIdentity.parse(Base64Url.encode(rfc)).raw()).isEqualTo(rfc);
	}

}
