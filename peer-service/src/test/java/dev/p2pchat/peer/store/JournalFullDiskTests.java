package dev.p2pchat.peer.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The journal on a real full disk: a 1 MB tmpfs (mounting needs root, as in CI; elsewhere
 * the test is aborted with the reason) whose free space a filler file takes.
 */
class JournalFullDiskTests {

	private static final Journal.Settings SETTINGS = new Journal.Settings(SyncPolicy.BATCH, Duration.ofMillis(50));

	@TempDir
	Path mount;

	private Path dir;

	private Path filler;

	@BeforeEach
	void mountTmpfs() throws Exception {
		String failure = run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", this.mount.toString());
		if (failure != null && "true".equalsIgnoreCase(System.getenv("CI"))) {
			throw new IllegalStateException("cannot mount a tmpfs, which CI must: " + failure);
		}
		Assumptions.assumeTrue(failure == null, () -> "cannot mount a tmpfs (needs root): " + failure);
		this.dir = this.mount.resolve("history");
		this.filler = this.mount.resolve("filler");
	}

	@AfterEach
	void unmount() throws Exception {
		run("umount", "-l", this.mount.toString());
	}

	@Test
	void awaitWhenTheDiskIsFullFailsAndKeepsEveryRecordForWhenSpaceReturns() throws IOException {
		List<String> expected = new ArrayList<>();
		try (Journal journal = Journal.open(this.dir, SETTINGS, (record) -> {
		})) {
			appendAndAwait(journal, 0, 50, expected);
			fill();

			long during = 0;
			for (int i = 50; i < 100; i++) {
				during = journal.append(bytes(text(i)));
				expected.add(text(i));
			}
			long last = during;
			assertThatThrownBy(() -> journal.await(last)).isInstanceOf(UncheckedIOException.class)
				.hasRootCauseMessage("No space left on device");
			assertThat(journal.failing()).isTrue();
			for (int i = 100; i < 120; i++) {
				journal.append(bytes(text(i)));
				expected.add(text(i));
			}
			Files.delete(this.filler);

			await().atMost(Duration.ofSeconds(5)).until(() -> !journal.failing());
			appendAndAwait(journal, 120, 130, expected);
		}

		assertThat(reopen()).containsExactlyElementsOf(expected);
	}

	private static void appendAndAwait(Journal journal, int from, int to, List<String> expected) {
		IntStream.range(from, to).forEach((i) -> {
			journal.await(journal.append(bytes(text(i))));
			expected.add(text(i));
		});
	}

	/** Takes every free byte, so that the next write fails with ENOSPC. */
	private void fill() {
		try (FileChannel out = FileChannel.open(this.filler, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
			ByteBuffer chunk = ByteBuffer.allocate(512);
			while (true) {
				chunk.clear();
				out.write(chunk);
			}
		}
		catch (IOException ex) {
			assertThat(ex).hasMessage("No space left on device");
		}
	}

	private List<String> reopen() {
		List<String> read = new ArrayList<>();
		Journal.open(this.dir, SETTINGS, (record) -> {
			byte[] bytes = new byte[record.remaining()];
			record.get(bytes);
			read.add(new String(bytes, StandardCharsets.UTF_8));
		}).close();
		return read;
	}

	/**
	 * Longer than the slack of the journal file's last page: a write needs a new page.
	 */
	private static String text(int i) {
		return "record " + i + " " + "x".repeat(200);
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static String run(String... command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		process.waitFor(30, TimeUnit.SECONDS);
		return (process.exitValue() == 0) ? null : output.strip();
	}

}
