package dev.p2pchat.peer.console;

import org.jspecify.annotations.Nullable;

/**
 * The terminal: lines typed by the user, lines printed to them. {@link #println} may be
 * called from any thread while {@link #readLine} waits, and keeps the line being typed
 * readable.
 */
interface ConsoleIo extends AutoCloseable {

	/**
	 * Waits for the next line.
	 * @param prompt shown before the input where the terminal supports it
	 * @return the line, or null at the end of input
	 */
	@Nullable String readLine(String prompt);

	void println(String line);

	@Override
	void close();

}
