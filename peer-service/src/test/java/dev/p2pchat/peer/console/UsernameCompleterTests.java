package dev.p2pchat.peer.console;

import java.util.ArrayList;
import java.util.List;

import org.jline.reader.Candidate;
import org.jline.reader.Parser.ParseContext;
import org.jline.reader.impl.DefaultParser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UsernameCompleterTests {

	private final PeerNames names = new PeerNames();

	private final UsernameCompleter completer = new UsernameCompleter(this.names);

	@Test
	void completeWhenAfterMsgOffersTheKnownUsernames() {
		this.names.put("p-bob", "bob");
		this.names.put("p-carol", "Carol");

		assertThat(complete("msg b")).containsExactly("bob", "Carol");
		assertThat(complete("MSG ")).containsExactly("bob", "Carol");
	}

	@Test
	void completeWhenAPeerLeftNoLongerOffersIt() {
		this.names.put("p-bob", "bob");
		this.names.remove("p-bob");

		assertThat(complete("msg ")).isEmpty();
	}

	@Test
	void completeWhenNotTheRecipientOffersNoUsernames() {
		this.names.put("p-bob", "bob");

		assertThat(complete("msg bob hi ")).isEmpty();
		assertThat(complete("hello ")).isEmpty();
		assertThat(complete("rename ")).isEmpty();
	}

	@Test
	void completeWhenOnTheFirstWordOffersTheCommands() {
		assertThat(complete("m")).containsExactly("msg", "rename", "trust", "peers", "help", "quit");
	}

	private List<String> complete(String typed) {
		List<Candidate> candidates = new ArrayList<>();
		this.completer.complete(null, new DefaultParser().parse(typed, typed.length(), ParseContext.COMPLETE),
				candidates);
		return candidates.stream().map(Candidate::value).toList();
	}

}
