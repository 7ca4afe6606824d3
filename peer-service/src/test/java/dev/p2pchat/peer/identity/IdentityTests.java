package dev.p2pchat.peer.identity;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.p2pchat.peer.config.DataDirectory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class IdentityTests {

	@TempDir
	Path dir;

	@Test
	void loadWhenDirectoryIsNewMakesAnOwnerOnlyKeyAndKeepsItOnRestart() throws Exception {
		var directory = DataDirectory.open(this.dir.resolve("alice"));

		Identity first = Identity.load(directory);
		Identity again = Identity.load(DataDirectory.open(this.dir.resolve("alice")));

		assertThat(again.peerId()).isEqualTo(first.peerId());
		assertThat(again.publicIdentity()).isEqualTo(first.publicIdentity());
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.resolve(Identity.FILE))))
			.isEqualTo("rw-------");
	}

	@Test
	void loadWhenAnotherDirectoryMakesAnotherPeer() {
		Identity alice = Identity.load(DataDirectory.open(this.dir.resolve("alice")));
		Identity bob = Identity.load(DataDirectory.open(this.dir.resolve("bob")));

		assertThat(alice.peerId()).isNotEqualTo(bob.peerId());
	}

	@Test
	void loadWhenFileIsNotAKeyFailsSayingWhere() {
		var directory = DataDirectory.open(this.dir.resolve("broken"));
		directory.writeOwnerOnly(Identity.FILE, "not a key".getBytes(StandardCharsets.UTF_8));

		assertThatIllegalStateException().isThrownBy(() -> Identity.load(directory))
			.withMessageContaining(Identity.FILE)
			.withMessageContaining("no Ed25519 private key");
	}

	@Test
	void peerIdWhenDerivedIsLowerCaseBase32OfTheKeysSha256() throws Exception {
		Identity identity = Identity.generate();
		byte[] raw = identity.publicIdentity().raw();

		String peerId = identity.peerId();

		assertThat(peerId).hasSize(52).matches("[a-z2-7]{52}");
		assertThat(raw).hasSize(32);
		assertThat(peerId).isEqualTo(Base32.encode(MessageDigest.getInstance("SHA-256").digest(raw)));
		assertThat(Base64.getUrlDecoder().decode(identity.publicIdentity().encoded())).isEqualTo(raw);
		assertThat(identity.publicIdentity().encoded()).doesNotContain("=").hasSize(43);
	}

	@Test
	void base32WhenGivenRfc4648VectorsMatchesThemInLowerCaseWithoutPadding() {
		assertThat(Base32.encode("f".getBytes(StandardCharsets.US_ASCII))).isEqualTo("my");
		assertThat(Base32.encode("fooba".getBytes(StandardCharsets.US_ASCII))).isEqualTo("mzxw6ytb");
		assertThat(Base32.encode("foobar".getBytes(StandardCharsets.US_ASCII))).isEqualTo("mzxw6ytboi");
	}

	@Test
	void verifiesWhenSignedByTheKeyAcceptsAndOtherwiseRefuses() {
		Identity alice = Identity.generate();
		byte[] data = HexFormat.of().parseHex("00010203");
		byte[] signature = alice.sign(data);

		assertThat(alice.publicIdentity().verifies(data, signature)).isTrue();
		assertThat(alice.publicIdentity().verifies(HexFormat.of().parseHex("00010204"), signature)).isFalse();
		assertThat(Identity.generate().publicIdentity().verifies(data, signature)).isFalse();
		assertThat(alice.publicIdentity().verifies(data, new byte[3])).isFalse();
	}

	@Test
	void parseWhenKeyHasWrongLengthRefusesIt() {
		assertThatIllegalArgumentException().isThrownBy(() -> PublicIdentity.parse("AAAA"))
			.withMessageContaining("32 bytes");
	}

}
