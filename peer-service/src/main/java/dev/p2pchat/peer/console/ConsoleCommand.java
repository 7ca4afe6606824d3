package dev.p2pchat.peer.console;

import static java.util.Objects.requireNonNull;

/**
 * One line typed at the terminal, as understood by {@link CommandParser}.
 */
sealed interface ConsoleCommand {

	/** A blank line: nothing to do. */
	record Empty() implements ConsoleCommand {
	}

	/** A plain line, sent to everyone. */
	record Broadcast(String text) implements ConsoleCommand {
		public Broadcast {
			requireNonNull(text);
		}
	}

	/** {@code msg <username> <text>}: sent to one user only. */
	record Private(String to, String text) implements ConsoleCommand {
		public Private {
			requireNonNull(to);
			requireNonNull(text);
		}
	}

	/** {@code rename <name>}. */
	record Rename(String username) implements ConsoleCommand {
		public Rename {
			requireNonNull(username);
		}
	}

	/** {@code rename} alone: the new name follows on the next line. */
	record RenamePrompt() implements ConsoleCommand {
	}

	/** {@code trust <username>}: accept the new key of a name whose key changed. */
	record Trust(String username) implements ConsoleCommand {
		public Trust {
			requireNonNull(username);
		}
	}

	/** {@code peers}. */
	record ListPeers() implements ConsoleCommand {
	}

	/** {@code help}. */
	record Help() implements ConsoleCommand {
	}

	/** {@code quit} (or the original's {@code exit}). */
	record Quit() implements ConsoleCommand {
	}

	/** A command typed wrongly; {@code message} tells the user how to type it. */
	record Invalid(String message) implements ConsoleCommand {
		public Invalid {
			requireNonNull(message);
		}
	}

}
