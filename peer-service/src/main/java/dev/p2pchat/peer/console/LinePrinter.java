package dev.p2pchat.peer.console;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * An output stream that hands each complete UTF-8 line written to it (without its line
 * terminator) to a consumer; used to print log output above the line being typed. Thread
 * safe; an unfinished line is handed over on {@link #flush()} only when
 * {@link #close()}d.
 */
final class LinePrinter extends OutputStream {

	private final Consumer<String> lines;

	private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

	private final ReentrantLock lock = new ReentrantLock();

	LinePrinter(Consumer<String> lines) {
		this.lines = lines;
	}

	@Override
	public void write(int b) {
		this.lock.lock();
		try {
			if (b == '\n') {
				emit();
			}
			else {
				this.pending.write(b);
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public void write(byte[] bytes, int offset, int length) {
		this.lock.lock();
		try {
			for (int i = offset; i < offset + length; i++) {
				write(bytes[i]);
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public void close() {
		this.lock.lock();
		try {
			if (this.pending.size() > 0) {
				emit();
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	private void emit() {
		String line = this.pending.toString(StandardCharsets.UTF_8);
		this.pending.reset();
		// log lines may quote what others sent: only their colours reach the terminal
		this.lines
			.accept(Visible.escapeKeepingColours(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line));
	}

}
