package dev.p2pchat.peer.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * The peer's data directory ({@code p2pchat.peer.data-dir}): its identity key, owner
 * token, history and outboxes. The same directory is the same peer after a restart.
 * <p>
 * The directory is created readable by its owner only ({@code rwx------} where the file
 * system is POSIX), and each file written through {@link #writeOwnerOnly} is
 * {@code rw-------} and replaced atomically, so a crash mid-write leaves the old content
 * or the new one, never a mix. Thread-safe.
 */
public final class DataDirectory {

	private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

	private final Path path;

	private DataDirectory(Path path) {
		this.path = path;
	}

	/**
	 * Opens (and on first start creates) the directory.
	 * @throws IllegalStateException when it cannot be created or written, saying where
	 * and why
	 */
	public static DataDirectory open(Path path) {
		Path dir = path.toAbsolutePath().normalize();
		try {
			if (!Files.isDirectory(dir)) {
				Files.createDirectories(dir);
			}
			// at every start, not only on creation: a directory made beforehand (or a
			// volume) keeps its mode, and the files inside are only as private as it is
			ownerOnly(dir, "rwx------");
			Path probe = Files.createTempFile(dir, ".probe", ".tmp");
			Files.delete(probe);
		}
		catch (IOException | UnsupportedOperationException ex) {
			throw new IllegalStateException("p2pchat.peer.data-dir " + dir + " is not a writable directory (" + ex
					+ "); set p2pchat.peer.data-dir to one this user can write", ex);
		}
		return new DataDirectory(dir);
	}

	/** The directory's absolute path. */
	public Path path() {
		return this.path;
	}

	/** A file or folder inside the directory. */
	public Path resolve(String name) {
		return this.path.resolve(name);
	}

	/** The content of a file in the directory, or empty when it does not exist. */
	public Optional<byte[]> read(String name) {
		Path file = resolve(name);
		try {
			return Files.exists(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + file, ex);
		}
	}

	/**
	 * Writes a file readable and writable by the owner only, replacing any earlier
	 * content atomically (written to a temporary file, synced, then moved over the old
	 * one).
	 */
	public void writeOwnerOnly(String name, byte[] content) {
		Path file = resolve(name);
		try {
			Path temp = Files.createTempFile(this.path, "." + name, ".tmp");
			ownerOnly(temp, "rw-------");
			try (var channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
				channel.write(ByteBuffer.wrap(content));
				channel.force(true);
			}
			try {
				Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			}
			catch (AtomicMoveNotSupportedException ex) {
				Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write " + file, ex);
		}
	}

	private static void ownerOnly(Path path, String permissions) throws IOException {
		if (POSIX) {
			Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
		}
	}

	@Override
	public String toString() {
		return this.path.toString();
	}

}
