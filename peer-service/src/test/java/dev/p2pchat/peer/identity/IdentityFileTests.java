package dev.p2pchat.peer.identity;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.p2pchat.link.identity.Identity;
import dev.p2pchat.peer.config.DataDirectory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class IdentityFileTests {

	@TempDir
	Path dir;

	@Test
	void loadWhenDirectoryIsNewMakesAnOwnerOnlyKeyAndKeepsItOnRestart() throws Exception {
		var directory = DataDirectory.open(this.dir.resolve("alice"));

		Identity first = IdentityFile.load(directory);
		Identity again = IdentityFile.load(DataDirectory.open(this.dir.resolve("alice")));

		assertThat(again.peerId()).isEqualTo(first.peerId());
		assertThat(again.publicIdentity()).isEqualTo(first.publicIdentity());
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.resolve(IdentityFile.FILE))))
			.isEqualTo("rw-------");
	}

	@Test
	void loadWhenAnotherDirectoryMakesAnotherPeer() {
		Identity alice = IdentityFile.load(DataDirectory.open(this.dir.resolve("alice")));
		Identity bob = IdentityFile.load(DataDirectory.open(this.dir.resolve("bob")));

		assertThat(alice.peerId()).isNotEqualTo(bob.peerId());
	}

	@Test
	void loadWhenFileIsNotAKeyFailsSayingWhere() {
		var directory = DataDirectory.open(this.dir.resolve("broken"));
		directory.writeOwnerOnly(IdentityFile.FILE, "not a key".getBytes(StandardCharsets.UTF_8));

		assertThatIllegalStateException().isThrownBy(() -> IdentityFile.load(directory))
			.withMessageContaining(IdentityFile.FILE)
			.withMessageContaining("no Ed25519 private key");
	}

}
