package dev.p2pchat.peer.console;

import java.util.List;

import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Tab completion of usernames after {@code msg }: offers the known peers whose name
 * starts with what was typed (JLine filters by prefix); the commands themselves complete
 * on the first word.
 */
final class UsernameCompleter implements Completer {

	private static final List<String> COMMANDS = List.of("msg", "rename", "trust", "peers", "help", "quit");

	private final PeerNames names;

	UsernameCompleter(PeerNames names) {
		this.names = names;
	}

	@Override
	public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
		if (line.wordIndex() == 0) {
			COMMANDS.forEach((command) -> candidates.add(new Candidate(command)));
		}
		else if (line.wordIndex() == 1 && ("msg".equalsIgnoreCase(line.words().getFirst())
				|| "trust".equalsIgnoreCase(line.words().getFirst()))) {
			this.names.usernames().forEach((name) -> candidates.add(new Candidate(name)));
		}
	}

}
