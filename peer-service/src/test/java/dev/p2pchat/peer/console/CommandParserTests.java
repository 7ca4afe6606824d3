package dev.p2pchat.peer.console;

import dev.p2pchat.peer.console.ConsoleCommand.Broadcast;
import dev.p2pchat.peer.console.ConsoleCommand.Empty;
import dev.p2pchat.peer.console.ConsoleCommand.Help;
import dev.p2pchat.peer.console.ConsoleCommand.Invalid;
import dev.p2pchat.peer.console.ConsoleCommand.ListPeers;
import dev.p2pchat.peer.console.ConsoleCommand.Private;
import dev.p2pchat.peer.console.ConsoleCommand.Quit;
import dev.p2pchat.peer.console.ConsoleCommand.Rename;
import dev.p2pchat.peer.console.ConsoleCommand.RenamePrompt;
import dev.p2pchat.peer.console.ConsoleCommand.Trust;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class CommandParserTests {

	@Test
	void parseWhenPlainLineBroadcastsIt() {
		assertThat(CommandParser.parse("hello everyone")).isEqualTo(new Broadcast("hello everyone"));
	}

	@Test
	void parseWhenLineHasSurroundingSpacesBroadcastsItTrimmed() {
		assertThat(CommandParser.parse("  hi there \t")).isEqualTo(new Broadcast("hi there"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "   ", "\t" })
	void parseWhenBlankIsEmpty(String line) {
		assertThat(CommandParser.parse(line)).isEqualTo(new Empty());
	}

	@Test
	void msgWhenBareSplitsNameAndText() {
		assertThat(CommandParser.parse("msg bob hello there")).isEqualTo(new Private("bob", "hello there"));
	}

	@Test
	void msgWhenQuotedSplitsNameAndText() {
		assertThat(CommandParser.parse("msg 'bob' 'hello there'")).isEqualTo(new Private("bob", "hello there"));
	}

	@Test
	void msgWhenDoubleQuotedSplitsNameAndText() {
		assertThat(CommandParser.parse("msg \"bob\" \"hi, it's me\"")).isEqualTo(new Private("bob", "hi, it's me"));
	}

	@Test
	void msgWhenOnlyNameQuotedKeepsTextAsTyped() {
		assertThat(CommandParser.parse("msg 'bob' it's late")).isEqualTo(new Private("bob", "it's late"));
	}

	@Test
	void msgWhenOnlyTextQuotedStripsTheQuotes() {
		assertThat(CommandParser.parse("msg bob 'see you'")).isEqualTo(new Private("bob", "see you"));
	}

	@Test
	void msgWhenQuotedNameHasNoSpaceBeforeTextStillSplits() {
		assertThat(CommandParser.parse("msg 'bob'hi")).isEqualTo(new Private("bob", "hi"));
	}

	@Test
	void msgWhenUpperCaseIsStillACommand() {
		assertThat(CommandParser.parse("MSG bob hi")).isEqualTo(new Private("bob", "hi"));
	}

	@Test
	void msgWhenTextHasInnerQuotesKeepsThem() {
		assertThat(CommandParser.parse("msg bob 'a' and 'b'")).isEqualTo(new Private("bob", "'a' and 'b'"));
	}

	@Test
	void msgWhenQuotedTextHasAnApostropheStripsTheOuterQuotes() {
		assertThat(CommandParser.parse("msg 'bob' 'it's late'")).isEqualTo(new Private("bob", "it's late"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "msg", "msg   ", "msg bob", "msg 'bob'", "msg 'bob", "msg '' hi", "msg bob ''",
			"msg \"bob' hi" })
	void msgWhenIncompleteShowsUsage(String line) {
		assertThat(CommandParser.parse(line)).isEqualTo(new Invalid(CommandParser.MSG_USAGE));
	}

	@Test
	void parseWhenTrustAndOneNameIsTrust() {
		assertThat(CommandParser.parse("trust bob")).isEqualTo(new Trust("bob"));
		assertThat(CommandParser.parse("TRUST 'bob'")).isEqualTo(new Trust("bob"));
	}

	@Test
	void parseWhenTrustIsNotFollowedByOneWordBroadcasts() {
		assertThat(CommandParser.parse("trust me on this")).isEqualTo(new Broadcast("trust me on this"));
		assertThat(CommandParser.parse("trust")).isEqualTo(new Broadcast("trust"));
	}

	@Test
	void parseWhenWordOnlyStartsWithMsgBroadcasts() {
		assertThat(CommandParser.parse("msgs are fun")).isEqualTo(new Broadcast("msgs are fun"));
	}

	@Test
	void renameWhenNameGivenRenames() {
		assertThat(CommandParser.parse("rename Brian")).isEqualTo(new Rename("Brian"));
	}

	@Test
	void renameWhenNameQuotedStripsQuotes() {
		assertThat(CommandParser.parse("rename 'Brian'")).isEqualTo(new Rename("Brian"));
	}

	@Test
	void renameWhenAloneAsksForTheNextLine() {
		assertThat(CommandParser.parse(" Rename ")).isEqualTo(new RenamePrompt());
	}

	@Test
	void usernameWhenQuotedOrPaddedIsCleaned() {
		assertThat(CommandParser.username("  'Brian' ")).isEqualTo("Brian");
		assertThat(CommandParser.username("Brian")).isEqualTo("Brian");
	}

	@Test
	void parseWhenSingleWordCommandsRecognisesThem() {
		assertThat(CommandParser.parse("peers")).isEqualTo(new ListPeers());
		assertThat(CommandParser.parse("HELP")).isEqualTo(new Help());
		assertThat(CommandParser.parse("quit")).isEqualTo(new Quit());
		assertThat(CommandParser.parse("exit")).isEqualTo(new Quit());
	}

	@Test
	void parseWhenCommandWordStartsASentenceBroadcasts() {
		assertThat(CommandParser.parse("help me please")).isEqualTo(new Broadcast("help me please"));
		assertThat(CommandParser.parse("quit it")).isEqualTo(new Broadcast("quit it"));
	}

	@Test
	void parseWhenHtmlBroadcastsItUnchanged() {
		assertThat(CommandParser.parse("<script>alert(1)</script>"))
			.isEqualTo(new Broadcast("<script>alert(1)</script>"));
	}

}
