package dev.p2pchat.peer.console;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.jline.reader.Completer;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.history.DefaultHistory;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jspecify.annotations.Nullable;

/**
 * {@link ConsoleIo} on a real terminal with JLine: the prompt shows the username, line
 * editing, input history and Tab completion of usernames after {@code msg} work, and
 * incoming lines are printed above the line being typed ({@link LineReader#printAbove})
 * so it is never garbled; so are log lines, by routing {@code System.out} and
 * {@code System.err} there while it is open. Ctrl-D and Ctrl-C end the input.
 */
final class JLineConsoleIo implements ConsoleIo {

	private final Terminal terminal;

	private final LineReader reader;

	private final PrintStream out;

	private final PrintStream err;

	/**
	 * @param completer what Tab completes (usernames after {@code msg})
	 */
	JLineConsoleIo(Completer completer) {
		try {
			TerminalBuilder builder = TerminalBuilder.builder().system(true).name("p2p-chat");
			if (!System.getProperty("os.name", "").startsWith("Windows")) {
				// stty-based: the ffm and jni providers need native access, which the JDK
				// warns about unless the JVM is started with --enable-native-access
				builder.provider("exec");
			}
			this.terminal = builder.build();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		// the history (Up/Down, Ctrl-R) lives in memory for this run only
		this.reader = LineReaderBuilder.builder()
			.terminal(this.terminal)
			.appName("p2p-chat")
			.completer(completer)
			.history(new DefaultHistory())
			.build();
		// log lines (the console appender writes to whatever System.out is now) go above
		// the
		// input line too; the terminal itself writes to the file descriptor, not
		// System.out
		this.out = System.out;
		this.err = System.err;
		System.setOut(new PrintStream(new LinePrinter(this.reader::printAbove), true, StandardCharsets.UTF_8));
		System.setErr(new PrintStream(new LinePrinter(this.reader::printAbove), true, StandardCharsets.UTF_8));
	}

	@Override
	public @Nullable String readLine(String prompt) {
		try {
			return this.reader.readLine(prompt);
		}
		catch (EndOfFileException | UserInterruptException ex) {
			return null;
		}
	}

	@Override
	public void println(String line) {
		this.reader.printAbove(line);
	}

	@Override
	public void close() {
		System.out.flush();
		System.err.flush();
		System.setOut(this.out);
		System.setErr(this.err);
		try {
			this.terminal.close();
		}
		catch (IOException ex) {
			// closing a terminal we are leaving anyway: nothing to recover
		}
	}

}
