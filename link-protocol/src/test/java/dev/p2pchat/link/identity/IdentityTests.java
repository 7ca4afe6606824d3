package dev.p2pchat.link.identity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class IdentityTests {

	private static final HexFormat HEX = HexFormat.of();

	@Test
	void peerIdWhenDerivedIsLowerCaseBase32OfTheKeysSha256() throws Exception {
		Identity identity = Identity.generate();
		byte[] raw = identity.publicIdentity().raw();

		String peerId = identity.peerId();

		assertThat(peerId).hasSize(PeerId.LENGTH).matches("[a-z2-7]{52}");
		assertThat(raw).hasSize(32);
		assertThat(peerId).isEqualTo(Base32.encode(MessageDigest.getInstance("SHA-256").digest(raw)));
		assertThat(Base64.getUrlDecoder().decode(identity.publicIdentity().encoded())).isEqualTo(raw);
		assertThat(identity.publicIdentity().encoded()).doesNotContain("=").hasSize(43);
	}

	@Test
	void peerIdWhenKeyIsFixedMatchesItsPinnedValue() {
		assertThat(PeerId.of(new byte[32])).isEqualTo("mzuhvlpymk6xo3epygfy5h4oeaejofefn3rdhm4qfjmr2dk7fesq");
	}

	@Test
	void base32WhenGivenRfc4648VectorsMatchesThemInLowerCaseWithoutPadding() {
		assertThat(Base32.encode(ascii(""))).isEmpty();
		assertThat(Base32.encode(ascii("f"))).isEqualTo("my");
		assertThat(Base32.encode(ascii("fo"))).isEqualTo("mzxq");
		assertThat(Base32.encode(ascii("foo"))).isEqualTo("mzxw6");
		assertThat(Base32.encode(ascii("foob"))).isEqualTo("mzxw6yq");
		assertThat(Base32.encode(ascii("fooba"))).isEqualTo("mzxw6ytb");
		assertThat(Base32.encode(ascii("foobar"))).isEqualTo("mzxw6ytboi");
	}

	@Test
	void base64UrlWhenTextIsNotTheCanonicalSpellingRefusesIt() {
		byte[] key = Identity.generate().publicIdentity().raw();
		String text = Base64Url.encode(key);

		assertThat(Base64Url.decode(text, 32)).isEqualTo(key);
		assertThat(Base64Url.decode(text + "=", 32)).as("padded").isNull();
		assertThat(Base64Url.decode(text.substring(1), 32)).as("short").isNull();
		assertThat(Base64Url.decode("+" + text.substring(1), 32)).as("not the url alphabet").isNull();
		char last = text.charAt(42);
		assertThat(Base64Url.decode(text.substring(0, 42) + (char) (last + 1), 32)).as("non-zero unused bits").isNull();
		assertThat(Base64Url.decode(text, 64)).as("wrong length").isNull();
	}

	@Test
	void fromSeedWhenGivenRfc8032Test1MakesItsKeyAndSignature() {
		Identity identity = Identity
			.fromSeed(HEX.parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));

		assertThat(HEX.formatHex(identity.publicIdentity().raw()))
			.isEqualTo("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
		assertThat(HEX.formatHex(identity.sign(new byte[0]))).isEqualTo(
				"e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
	}

	/**
	 * A registration proof from a fixed key (Ed25519 signatures are deterministic): what
	 * any implementation of SPEC's encodings must produce for these fields. The peerId
	 * and key text were checked with Python's hashlib and base64.
	 */
	@Test
	void registrationWhenSignedByRfc8032Key1MatchesItsPinnedProof() {
		Identity identity = Identity
			.fromSeed(HEX.parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
		String text = RegistrationText.of(identity.peerId(), "alice", "http://127.0.0.1:8081", "2026-01-01T12:00:00Z");

		assertThat(identity.peerId()).isEqualTo("eh7ddx5bksrgcytl7bkai36se4nxx3klnk7elksyq57pi74xeg4q");
		assertThat(identity.publicIdentity().encoded()).isEqualTo("11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo");
		assertThat(identity.signText(text))
			.isEqualTo("I3XU1yVVwaWY5BsfBJLLHzyFcSHgGSKW7gkl0EJNFl0WSNtblVX3uGKm5N3JkR2xwGOxZMULAPIh-JuRmHz0Ag");
	}

	@Test
	void fromPkcs8WhenGivenItsOwnBytesIsTheSameIdentity() throws Exception {
		Identity identity = Identity.generate();

		Identity again = Identity.fromPkcs8(identity.pkcs8());

		assertThat(again.publicIdentity()).isEqualTo(identity.publicIdentity());
		byte[] data = ascii("data");
		assertThat(identity.publicIdentity().verifies(data, again.sign(data))).isTrue();
		assertThatExceptionOfType(GeneralSecurityException.class)
			.isThrownBy(() -> Identity.fromPkcs8(ascii("not a key")));
	}

	@Test
	void verifiesWhenSignedByTheKeyAcceptsAndOtherwiseRefuses() {
		Identity alice = Identity.generate();
		byte[] data = HEX.parseHex("00010203");
		byte[] signature = alice.sign(data);

		assertThat(alice.publicIdentity().verifies(data, signature)).isTrue();
		assertThat(alice.publicIdentity().verifies(HEX.parseHex("00010204"), signature)).isFalse();
		assertThat(Identity.generate().publicIdentity().verifies(data, signature)).isFalse();
		assertThat(alice.publicIdentity().verifies(data, new byte[3])).isFalse();
		assertThat(alice.publicIdentity().verifies("text", Base64.getUrlDecoder().decode(alice.signText("text"))))
			.isTrue();
	}

	@Test
	void parseWhenKeyHasWrongLengthRefusesIt() {
		assertThatIllegalArgumentException().isThrownBy(() -> PublicIdentity.parse("AAAA"))
			.withMessageContaining("32 bytes");
		assertThatIllegalArgumentException().isThrownBy(() -> PublicIdentity.of(new byte[31]))
			.withMessageContaining("32 bytes");
	}

	@Test
	void registrationTextWhenBuiltIsTheFiveLinesSpecFixes() {
		assertThat(RegistrationText.of("id", "alice", "http://a:1", "2026-01-01T12:00:00Z"))
			.isEqualTo("p2pchat-register-v1\nid\nalice\nhttp://a:1\n2026-01-01T12:00:00Z");
		assertThat(RegistrationText.bytes("id", "élise", "u", "t"))
			.isEqualTo("p2pchat-register-v1\nid\nélise\nu\nt".getBytes(StandardCharsets.UTF_8));
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

}
