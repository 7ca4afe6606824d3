package dev.p2pchat.peer.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DataDirectoryTests {

	@TempDir
	Path temp;

	@Test
	void openWhenMissingCreatesItForTheOwnerOnly() throws IOException {
		Path dir = this.temp.resolve("a/b");

		DataDirectory data = DataDirectory.open(dir);

		assertThat(data.path()).isDirectory();
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
	}

	@Test
	void openWhenItExistsWithAWiderModeMakesItOwnerOnly() throws IOException {
		Path dir = Files.createDirectory(this.temp.resolve("made-before"),
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));

		DataDirectory.open(dir);

		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
	}

	@Test
	void writeOwnerOnlyWhenReadBackGivesTheContentWithOwnerOnlyPermissions() throws IOException {
		DataDirectory data = DataDirectory.open(this.temp);

		data.writeOwnerOnly("secret", "one".getBytes(StandardCharsets.UTF_8));
		data.writeOwnerOnly("secret", "two".getBytes(StandardCharsets.UTF_8));

		assertThat(data.read("secret")).hasValueSatisfying((bytes) -> assertThat(bytes).asString().isEqualTo("two"));
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(this.temp.resolve("secret"))))
			.isEqualTo("rw-------");
		assertThat(data.read("missing")).isEmpty();
		try (var files = Files.list(this.temp)) {
			assertThat(files).extracting(Path::getFileName).extracting(Path::toString).containsExactly("secret");
		}
	}

	@Test
	void openWhenPathIsAFileFailsSayingWhich() throws IOException {
		Path file = Files.writeString(this.temp.resolve("taken"), "x");

		assertThatThrownBy(() -> DataDirectory.open(file)).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("p2pchat.peer.data-dir")
			.hasMessageContaining(file.toString());
	}

}
