package dev.p2pchat.nemesis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * A small tmpfs mounted as one peer's data directory, and a filler file that takes all of
 * its free space: a full data volume, made and undone at will. Needs root (or
 * CAP_SYS_ADMIN); without it the full-disk fault is skipped with a reason, except where
 * it is required (CI).
 */
public final class DiskFill implements AutoCloseable {

	/** Room for a long soak's history (a few MB) and a snapshot of it. */
	static final String SIZE = "32m";

	private final Path mountPoint;

	private final Path filler;

	private DiskFill(Path mountPoint) {
		this.mountPoint = mountPoint;
		this.filler = mountPoint.resolve("filler");
		Runtime.getRuntime().addShutdownHook(new Thread(this::close, "nemesis-umount"));
	}

	/**
	 * Mounts a tmpfs at {@code mountPoint}.
	 * @param required throw rather than skip when mounting is not permitted
	 * @return the mount, or null (with the reason printed) when not permitted
	 */
	static @Nullable DiskFill mount(Path mountPoint, boolean required) {
		try {
			Files.createDirectories(mountPoint);
			String result = run("mount", "-t", "tmpfs", "-o", "size=" + SIZE + ",mode=0700", "tmpfs",
					mountPoint.toString());
			if (result != null) {
				String reason = "the full-disk fault is skipped: cannot mount a tmpfs (" + result.strip() + ")";
				if (required) {
					throw new IllegalStateException(reason + "; it is required here (CI)");
				}
				System.out.println("nemesis: " + reason);
				return null;
			}
			return new DiskFill(mountPoint);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	Path dataDir() {
		return this.mountPoint.resolve("data");
	}

	/** Takes every free byte of the volume. */
	public void fill() {
		ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
		try (FileChannel out = FileChannel.open(this.filler, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
				StandardOpenOption.APPEND)) {
			while (true) {
				chunk.clear();
				out.write(chunk);
			}
		}
		catch (IOException ex) {
			// No space left on device: full. Smaller writes take the last pages too.
			fillRest();
		}
	}

	private void fillRest() {
		ByteBuffer small = ByteBuffer.allocate(512);
		try (FileChannel out = FileChannel.open(this.filler, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
			for (int i = 0; i < 1000; i++) {
				small.clear();
				out.write(small);
			}
		}
		catch (IOException ex) {
			// full
		}
	}

	/** Gives the space back. */
	public void empty() {
		Cluster.deleteQuietly(this.filler);
	}

	@Override
	public void close() {
		try {
			empty();
		}
		catch (RuntimeException ex) {
			// best effort
		}
		if (Files.isDirectory(this.mountPoint)) {
			run("umount", "-l", this.mountPoint.toString());
		}
	}

	/** Runs a command; null when it succeeded, else its output. */
	private static @Nullable String run(String... command) {
		try {
			Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes());
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				return "timed out";
			}
			return (process.exitValue() == 0) ? null : ("exit " + process.exitValue() + ": " + output);
		}
		catch (IOException ex) {
			return ex.toString();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "interrupted";
		}
	}

}
