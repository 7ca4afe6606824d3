package dev.p2pchat.peer.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Opens the journal's files through a wrapper that sees every disk sync: how many, and
 * how many bytes of its file each had covered (what a test of a sync policy asserts,
 * rather than timing).
 */
final class SyncCountingChannels implements Journal.Channels {

	private final AtomicLong syncs = new AtomicLong();

	private final AtomicLong syncedUpTo = new AtomicLong();

	private final AtomicLong waiting = new AtomicLong();

	private volatile CountDownLatch gate = new CountDownLatch(0);

	@Override
	public FileChannel open(Path file, OpenOption... options) throws IOException {
		return new Counting(FileChannel.open(file, options), file.getFileName().toString().startsWith("journal-"));
	}

	/** From now on every sync of a segment waits for {@link #releaseSyncs()}. */
	void holdSyncs() {
		this.gate = new CountDownLatch(1);
	}

	void releaseSyncs() {
		this.gate.countDown();
	}

	/** Syncs waiting for {@link #releaseSyncs()}. */
	long syncsWaiting() {
		return this.waiting.get();
	}

	long syncs() {
		return this.syncs.get();
	}

	/** The largest segment size a sync of a segment covered. */
	long syncedUpTo() {
		return this.syncedUpTo.get();
	}

	private final class Counting extends FileChannel {

		private final FileChannel delegate;

		private final boolean segment;

		Counting(FileChannel delegate, boolean segment) {
			this.delegate = delegate;
			this.segment = segment;
		}

		@Override
		public void force(boolean metaData) throws IOException {
			if (this.segment) {
				hold();
			}
			long size = this.delegate.size();
			this.delegate.force(metaData);
			if (this.segment) {
				SyncCountingChannels.this.syncs.incrementAndGet();
				SyncCountingChannels.this.syncedUpTo.accumulateAndGet(size, Math::max);
			}
		}

		private void hold() throws IOException {
			SyncCountingChannels.this.waiting.incrementAndGet();
			try {
				SyncCountingChannels.this.gate.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new java.io.InterruptedIOException("interrupted while held");
			}
			finally {
				SyncCountingChannels.this.waiting.decrementAndGet();
			}
		}

		@Override
		public int read(ByteBuffer dst) throws IOException {
			return this.delegate.read(dst);
		}

		@Override
		public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
			return this.delegate.read(dsts, offset, length);
		}

		@Override
		public int write(ByteBuffer src) throws IOException {
			return this.delegate.write(src);
		}

		@Override
		public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
			return this.delegate.write(srcs, offset, length);
		}

		@Override
		public long position() throws IOException {
			return this.delegate.position();
		}

		@Override
		public FileChannel position(long newPosition) throws IOException {
			this.delegate.position(newPosition);
			return this;
		}

		@Override
		public long size() throws IOException {
			return this.delegate.size();
		}

		@Override
		public FileChannel truncate(long size) throws IOException {
			this.delegate.truncate(size);
			return this;
		}

		@Override
		public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
			return this.delegate.transferTo(position, count, target);
		}

		@Override
		public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
			return this.delegate.transferFrom(src, position, count);
		}

		@Override
		public int read(ByteBuffer dst, long position) throws IOException {
			return this.delegate.read(dst, position);
		}

		@Override
		public int write(ByteBuffer src, long position) throws IOException {
			return this.delegate.write(src, position);
		}

		@Override
		public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
			return this.delegate.map(mode, position, size);
		}

		@Override
		public FileLock lock(long position, long size, boolean shared) throws IOException {
			return this.delegate.lock(position, size, shared);
		}

		@Override
		public FileLock tryLock(long position, long size, boolean shared) throws IOException {
			return this.delegate.tryLock(position, size, shared);
		}

		@Override
		protected void implCloseChannel() throws IOException {
			this.delegate.close();
		}

	}

}
