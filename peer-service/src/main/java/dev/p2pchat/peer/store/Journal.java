package dev.p2pchat.peer.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import lombok.extern.slf4j.Slf4j;

/**
 * An append-only journal of records in one directory, with snapshots: what a peer must
 * find again after a crash. Records are appended to a memory buffer ({@link #append});
 * {@link #await} returns once a record is written to the operating system (and, under
 * {@link SyncPolicy#ALWAYS}, synced to the disk). Whoever awaits first writes everything
 * appended so far in one {@code write} (group commit): under load one call covers many
 * records, and a lone record is written at once. A background thread writes what nobody
 * awaited and syncs under {@link SyncPolicy#BATCH} every sync interval.
 * <p>
 * Files: {@code journal-<n>.log} segments and {@code snapshot-<n>.dat}, the state as of
 * the start of segment {@code n}. Opening streams the newest snapshot and the segments
 * from its number on (memory: one record at a time, whatever the files' size); a damaged
 * record is skipped with the intact ones after it kept, an incomplete tail (a crash
 * mid-write) is cut off, both reported in one log line, and the journal carries on after
 * the intact part. Thread-safe.
 */
@Slf4j
public final class Journal implements AutoCloseable {

	/**
	 * @param sync when to sync to the disk
	 * @param syncInterval how often the background thread writes and (under
	 * {@link SyncPolicy#BATCH}) syncs
	 */
	public record Settings(SyncPolicy sync, Duration syncInterval) {
	}

	/**
	 * The largest record {@link #append} takes (see {@link RecordFile}): on reading, a
	 * longer length field is damage.
	 */
	public static final int MAX_RECORD = RecordFile.MAX_RECORD;

	/** Opens the journal's files: {@link FileChannel#open}, or a test's wrapper. */
	@FunctionalInterface
	interface Channels {

		FileChannel open(Path file, OpenOption... options) throws IOException;

	}

	private final Path dir;

	private final Settings settings;

	private final Channels channels;

	/** Held by whoever writes the buffer to the file; before {@link #bufferLock}. */
	private final ReentrantLock writeLock = new ReentrantLock();

	private final ReentrantLock bufferLock = new ReentrantLock();

	// direct, so that a write does not copy them into a temporary direct buffer: the JDK
	// caches one per writing thread, and with group commit any request thread writes
	private ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 16);

	private ByteBuffer spare = ByteBuffer.allocateDirect(1 << 16);

	/** Bytes appended since opening: the tickets. */
	private long appended;

	private volatile long written;

	private volatile long synced;

	/**
	 * The last write failed (a full disk): what it did not write is kept for the next.
	 */
	private volatile boolean failing;

	private FileChannel channel;

	private int segment;

	/** The current segment's salt, which every record framed for it carries. */
	private byte[] salt;

	private final ScheduledExecutorService background;

	private Journal(Path dir, Settings settings, Channels channels, Recovery.Result recovered) throws IOException {
		this.dir = dir;
		this.settings = settings;
		this.channels = channels;
		this.segment = recovered.segment();
		this.salt = (recovered.salt() != null) ? recovered.salt() : RecordFile.newSalt();
		this.channel = openSegment(this.segment, this.salt);
		this.background = Executors.newSingleThreadScheduledExecutor(
				Thread.ofPlatform().daemon().name("journal-" + dir.getFileName()).factory());
		long interval = settings.syncInterval().toNanos();
		this.background.scheduleWithFixedDelay(this::syncInBackground, interval, interval, TimeUnit.NANOSECONDS);
	}

	/**
	 * Opens the journal in {@code dir} (created if missing), handing every intact record
	 * to {@code replay}, oldest first.
	 */
	public static Journal open(Path dir, Settings settings, Replay replay) {
		return open(dir, settings, replay, FileChannel::open);
	}

	static Journal open(Path dir, Settings settings, Replay replay, Channels channels) {
		try {
			Files.createDirectories(dir);
			long started = System.nanoTime();
			Recovery.Result recovery = Recovery.run(dir, replay);
			log.info("{}: {} record(s) read in {} ms", dir.getFileName(), recovery.records(),
					(System.nanoTime() - started) / 1_000_000);
			return new Journal(dir, settings, channels, recovery);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot open the journal in " + dir, ex);
		}
	}

	/**
	 * Queues a record; pass the ticket to {@link #await} to have it written.
	 * @throws IllegalArgumentException when the record is empty or longer than
	 * {@link #MAX_RECORD}: it could not be read back
	 */
	public long append(byte[] payload) {
		if (payload.length < 1 || payload.length > MAX_RECORD) {
			throw new IllegalArgumentException(
					"a journal record of " + payload.length + " bytes is outside 1.." + MAX_RECORD + " bytes");
		}
		this.bufferLock.lock();
		try {
			int needed = RecordFile.HEADER + payload.length;
			if (this.buffer.remaining() < needed) {
				ByteBuffer bigger = ByteBuffer
					.allocateDirect(Math.max(2 * this.buffer.capacity(), this.buffer.position() + needed));
				this.buffer.flip();
				bigger.put(this.buffer);
				this.buffer = bigger;
			}
			RecordFile.frame(this.buffer, this.salt, payload);
			this.appended += needed;
			return this.appended;
		}
		finally {
			this.bufferLock.unlock();
		}
	}

	/**
	 * Returns once the record of this ticket is written to the operating system, or
	 * synced under {@link SyncPolicy#ALWAYS}.
	 * @throws UncheckedIOException when the file cannot be written
	 */
	public void await(long ticket) {
		boolean always = this.settings.sync() == SyncPolicy.ALWAYS;
		if (ticket <= (always ? this.synced : this.written)) {
			return;
		}
		this.writeLock.lock();
		try {
			if (ticket <= (always ? this.synced : this.written)) {
				return;
			}
			writeOut();
			if (always) {
				this.channel.force(false);
				this.synced = this.written;
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write the journal in " + this.dir, ex);
		}
		finally {
			this.writeLock.unlock();
		}
	}

	/**
	 * Whether the last write failed (e.g. no space left on the device) and none has
	 * succeeded since: nothing appended meanwhile is written yet. The background thread
	 * retries every sync interval, so this clears by itself once space returns.
	 */
	public boolean failing() {
		return this.failing;
	}

	/**
	 * Starts a new segment; what follows goes to it. The caller then writes the state as
	 * of this moment with {@link #snapshotLater}, which lets the older segments go.
	 * <p>
	 * Appenders wait only while the buffer is written to the old segment, not for its
	 * disk sync (a rotation used to hold every appender, and with them every sender, for
	 * a sync of milliseconds, W2's tail). Under {@link SyncPolicy#ALWAYS} the write lock
	 * stays held until the old segment is synced, so that no {@link #await} returns for a
	 * record of it before then; under {@link SyncPolicy#BATCH} the sync runs after both
	 * locks are released.
	 * @return the new segment's number
	 */
	public int rotate() {
		FileChannel old;
		long oldUpTo;
		int next;
		this.writeLock.lock();
		try {
			// opened first: should that fail, nothing has changed
			next = this.segment + 1;
			byte[] nextSalt = RecordFile.newSalt();
			FileChannel fresh = openSegment(next, nextSalt);
			this.bufferLock.lock();
			try {
				writeBuffer(this.buffer);
				old = this.channel;
				oldUpTo = this.written;
				this.segment = next;
				this.salt = nextSalt;
				this.channel = fresh;
			}
			catch (IOException ex) {
				// a full disk: the old segment goes on; the next try makes the new one
				// again with its own salt
				fresh.close();
				Files.deleteIfExists(this.dir.resolve(Recovery.journalName(next)));
				throw ex;
			}
			finally {
				this.bufferLock.unlock();
			}
			if (this.settings.sync() == SyncPolicy.ALWAYS) {
				closeSynced(old, oldUpTo);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot start a new journal segment in " + this.dir, ex);
		}
		finally {
			this.writeLock.unlock();
		}
		if (this.settings.sync() != SyncPolicy.ALWAYS) {
			try {
				closeSynced(old, oldUpTo);
			}
			catch (IOException ex) {
				log.warn("{}: the old segment was not synced on rotation: {}", this.dir.getFileName(), ex.toString());
			}
		}
		return next;
	}

	/** Syncs (unless {@link SyncPolicy#NONE}) and closes a segment nobody writes to. */
	private void closeSynced(FileChannel old, long upTo) throws IOException {
		try (old) {
			if (this.settings.sync() != SyncPolicy.NONE) {
				old.force(false);
				this.synced = Math.max(this.synced, upTo);
			}
		}
	}

	/**
	 * Writes, on the background thread, the snapshot that replaces the segments before
	 * {@code segment}: the records {@code state} supplies then, taken one at a time (so
	 * that a snapshot never holds all its records encoded at once).
	 */
	public void snapshotLater(int segment, Supplier<? extends Iterable<byte[]>> state) {
		this.background.execute(() -> {
			try {
				writeSnapshot(segment, state.get());
			}
			catch (IOException | RuntimeException ex) {
				log.warn("{}: snapshot {} not written ({}); the journal segments stay", this.dir.getFileName(), segment,
						ex.toString());
			}
		});
	}

	@Override
	public void close() {
		this.background.shutdown();
		try {
			this.background.awaitTermination(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.writeLock.lock();
		try {
			writeOut();
			this.channel.force(false);
			this.channel.close();
		}
		catch (IOException ex) {
			log.warn("{}: not closed cleanly: {}", this.dir.getFileName(), ex.toString());
		}
		finally {
			this.writeLock.unlock();
		}
	}

	private void writeSnapshot(int segment, Iterable<byte[]> records) throws IOException {
		Path temporary = this.dir.resolve("snapshot-" + segment + ".tmp");
		int count = 0;
		try (FileChannel out = this.channels.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
				StandardOpenOption.TRUNCATE_EXISTING)) {
			byte[] snapshotSalt = RecordFile.newSalt();
			writeFully(out, RecordFile.fileHeader(snapshotSalt));
			ByteBuffer chunk = ByteBuffer.allocate(1 << 16);
			for (byte[] record : records) {
				if (chunk.remaining() < RecordFile.HEADER + record.length) {
					chunk.flip();
					writeFully(out, chunk);
					chunk = (chunk.capacity() >= RecordFile.HEADER + record.length) ? chunk.clear()
							: ByteBuffer.allocate(RecordFile.HEADER + record.length);
				}
				RecordFile.frame(chunk, snapshotSalt, record);
				count++;
			}
			chunk.flip();
			writeFully(out, chunk);
			out.force(false);
		}
		Files.move(temporary, this.dir.resolve(Recovery.snapshotName(segment)), StandardCopyOption.ATOMIC_MOVE);
		Recovery.deleteBefore(this.dir, segment);
		log.debug("{}: snapshot {} written, {} record(s)", this.dir.getFileName(), segment, count);
	}

	private void syncInBackground() {
		try {
			await(this.appended());
			if (this.settings.sync() == SyncPolicy.BATCH && this.synced < this.written) {
				long upTo = this.written;
				FileChannel current = this.channel;
				// outside the write lock: a sync takes milliseconds, writers go on
				// meanwhile
				current.force(false);
				this.synced = Math.max(this.synced, upTo);
			}
		}
		catch (ClosedChannelException ex) {
			// rotated meanwhile: the rotation synced the old segment
		}
		catch (IOException | RuntimeException ex) {
			if (!this.failing) {
				// a failing write is logged once, when it starts (keepUnwritten)
				log.warn("{}: background write failed: {}", this.dir.getFileName(), ex.toString());
			}
		}
	}

	private long appended() {
		this.bufferLock.lock();
		try {
			return this.appended;
		}
		finally {
			this.bufferLock.unlock();
		}
	}

	/** Writes the buffer, swapped for the spare so that appenders go on meanwhile. */
	private void writeOut() throws IOException {
		ByteBuffer full;
		long upTo;
		this.bufferLock.lock();
		try {
			full = this.buffer;
			upTo = this.appended;
			this.buffer = this.spare;
			this.spare = full;
		}
		finally {
			this.bufferLock.unlock();
		}
		full.flip();
		try {
			writeFully(this.channel, full);
		}
		catch (IOException ex) {
			keepUnwritten(full, ex);
			throw ex;
		}
		full.clear();
		this.written = upTo;
		recovered();
	}

	/**
	 * After a failed write: what it did not write goes back in front of what was appended
	 * meanwhile, in order, for the next write. (The file holds the written part; the next
	 * write continues it byte for byte.) Logged once per failing spell.
	 */
	private void keepUnwritten(ByteBuffer unwritten, IOException ex) {
		this.bufferLock.lock();
		try {
			ByteBuffer meanwhile = this.buffer;
			meanwhile.flip();
			unwritten.compact();
			ByteBuffer merged = unwritten;
			if (merged.remaining() < meanwhile.remaining()) {
				merged = ByteBuffer
					.allocateDirect(Math.max(2 * unwritten.capacity(), unwritten.position() + meanwhile.remaining()));
				unwritten.flip();
				merged.put(unwritten);
			}
			merged.put(meanwhile);
			meanwhile.clear();
			this.buffer = merged;
			this.spare = meanwhile;
		}
		finally {
			this.bufferLock.unlock();
		}
		if (!this.failing) {
			this.failing = true;
			log.warn("{}: cannot write the journal ({}); kept in memory and retried every {}, new messages refused"
					+ " meanwhile", this.dir.getFileName(), ex.getMessage(), this.settings.syncInterval());
		}
	}

	private void recovered() {
		if (this.failing) {
			this.failing = false;
			log.info("{}: the journal is written again", this.dir.getFileName());
		}
	}

	/** Writes and clears a buffer; the caller holds both locks. */
	private void writeBuffer(ByteBuffer pending) throws IOException {
		pending.flip();
		try {
			writeFully(this.channel, pending);
		}
		catch (IOException ex) {
			// keep what was not written, appendable again (a full disk)
			pending.compact();
			throw ex;
		}
		pending.clear();
		this.written = this.appended;
		recovered();
	}

	/** Opens a segment for appending; a new one starts with its file header. */
	private FileChannel openSegment(int number, byte[] segmentSalt) throws IOException {
		FileChannel opened = this.channels.open(this.dir.resolve(Recovery.journalName(number)),
				StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
		if (opened.size() == 0) {
			writeFully(opened, RecordFile.fileHeader(segmentSalt));
		}
		return opened;
	}

	private static void writeFully(FileChannel out, ByteBuffer bytes) throws IOException {
		while (bytes.hasRemaining()) {
			out.write(bytes);
		}
	}

}
