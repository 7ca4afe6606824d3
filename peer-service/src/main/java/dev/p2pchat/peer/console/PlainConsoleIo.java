package dev.p2pchat.peer.console;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;

/**
 * {@link ConsoleIo} over plain streams, for pipes and tests (no terminal): no prompt, one
 * line printed at a time.
 */
final class PlainConsoleIo implements ConsoleIo {

	private final BufferedReader in;

	private final PrintStream out;

	private final ReentrantLock lock = new ReentrantLock();

	PlainConsoleIo(InputStream in, PrintStream out) {
		this.in = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
		this.out = out;
	}

	@Override
	public @Nullable String readLine(String prompt) {
		try {
			return this.in.readLine();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void println(String line) {
		this.lock.lock();
		try {
			this.out.println(line);
			this.out.flush();
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public void close() {
		this.out.flush();
	}

}
