package dev.p2pchat.peer.console;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import dev.p2pchat.peer.sse.SseEvent;

import static org.assertj.core.api.Assertions.assertThat;

class EventFormatterTests {

	private final Self self = new Self("p-alice", "alice");

	private static final String NL = System.lineSeparator();

	private final PeerNames names = new PeerNames();

	private final EventFormatter formatter = new EventFormatter(JsonMapper.builder().build(), this.self,
			Clock.fixed(Instant.parse("2026-11-26T09:30:00Z"), ZoneOffset.UTC), this.names);

	@Test
	void formatWhenBroadcastFromOtherShowsSenderAndText() {
		assertThat(format("message", """
				{"id":"m1","from":"bob","to":null,"text":"hi all","sentAt":"2026-11-25T10:00:00Z"}"""))
			.contains("-- Wednesday 25 November 2026 --" + NL + "10:00 bob: hi all");
	}

	@Test
	void formatWhenTextCarriesTerminalControlsShowsThemEscaped() {
		String text = "\u001B]0;pwned\u0007\u001B[2J\u001B[1;1Hfake\u009B31m\u0085\r\nalice: lie\u202Eevil\u007F";

		String line = format("message", "{\"id\":\"m1\",\"from\":\"bob\",\"to\":null,\"text\":"
				+ JsonMapper.builder().build().writeValueAsString(text) + "}")
			.orElseThrow();

		// the first message of a day comes after its date line: the only raw line break
		assertThat(line.split("\n")).hasSize(2);
		String message = line.split("\n")[1];
		assertThat(message)
			.isEqualTo("09:30 bob: ^[]0;pwned^G^[[2J^[[1;1Hfake<U+009B>31m<U+0085>^M^Jalice: lie<U+202E>evil^?");
		assertThat(message.chars()).noneMatch((c) -> c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x202E);
	}

	@Test
	void formatWhenNameCarriesTerminalControlsShowsThemEscaped() {
		String peer = """
				{"peerId":"p-bob","username":"bob\\u001B[2J\\u0007","url":"http://localhost:8082","link":"connecting"}""";

		assertThat(format("joined", peer)).hasValue("Peer bob^[[2J^G has joined the chat.");
	}

	@Test
	void formatWhenPrivateMarksIt() {
		assertThat(format("message", """
				{"id":"m1","from":"bob","to":"alice","text":"psst","sentAt":"2026-11-25T10:00:00Z"}"""))
			.contains("-- Wednesday 25 November 2026 --" + NL + "10:00 [private] bob: psst");
	}

	@Test
	void formatWhenOwnMessageDoesNotEchoIt() {
		assertThat(format("message", """
				{"id":"m1","from":"Alice","to":null,"text":"mine"}""")).isEmpty();
	}

	@Test
	void formatWhenAnotherSenderReusesAnIdShowsBothAndStillDropsARepeat() {
		format("message",
				"""
						{"id":"m1","from":"mallory","fromId":"mallory-id","to":null,"text":"squatted","sentAt":"2026-11-25T10:00:00Z"}""");

		assertThat(format("message",
				"""
						{"id":"m1","from":"dave","fromId":"dave-id","to":null,"text":"dave's own","sentAt":"2026-11-25T10:01:00Z"}"""))
			.hasValueSatisfying((line) -> assertThat(line).contains("dave: dave's own"));
		assertThat(format("message",
				"""
						{"id":"m1","from":"dave","fromId":"dave-id","to":null,"text":"dave's own","sentAt":"2026-11-25T10:01:00Z"}"""))
			.isEmpty();
	}

	@Test
	void formatWhenMessagesOfOneDayFollowShowsTheDateOnceAndAgainWhenItChanges() {
		format("message", """
				{"id":"m1","from":"bob","to":null,"text":"one","sentAt":"2026-11-25T10:00:00Z"}""");

		assertThat(format("message", """
				{"id":"m2","from":"bob","to":null,"text":"two","sentAt":"2026-11-25T23:59:00Z"}"""))
			.contains("23:59 bob: two");
		assertThat(format("message", """
				{"id":"m3","from":"bob","to":null,"text":"three","sentAt":"2026-11-26T00:01:00Z"}"""))
			.contains("-- Thursday 26 November 2026 --" + NL + "00:01 bob: three");
	}

	@Test
	void historyWhenShownAtStartIncludesOwnMessagesAndIsNotRepeatedLive() {
		String live = """
				{"id":"m1","from":"bob","to":"alice","text":"psst","sentAt":"2026-11-26T09:00:00Z"}""";

		Optional<String> own = this.formatter
			.history(new ApiViews.Message("m0", "alice", "bob", "hi bob", Instant.parse("2026-11-26T08:59:00Z")));
		Optional<String> theirs = this.formatter
			.history(new ApiViews.Message("m1", "bob", "alice", "psst", Instant.parse("2026-11-26T09:00:00Z")));

		assertThat(own).contains("-- Thursday 26 November 2026 --" + NL + "08:59 [private to bob] alice: hi bob");
		assertThat(theirs).contains("09:00 [private] bob: psst");
		assertThat(format("message", live)).isEmpty();
	}

	@Test
	void formatWhenOwnMessageIsDeliveredOrFailsShowsATickOrACross() {
		this.self.sent("m1", "hello there, this is a rather long message that goes on");
		format("message", """
				{"id":"m0","from":"bob","to":null,"text":"first","sentAt":"2026-11-26T09:00:00Z"}""");

		assertThat(format("receipt", """
				{"messageId":"m1","peerId":"p-bob","username":"bob","state":"delivered"}"""))
			.contains("09:30 ✓ delivered to bob: hello there, this is a rather long mess…");
		assertThat(format("receipt", """
				{"messageId":"m1","peerId":"p-carol","username":"carol","state":"failed"}"""))
			.contains("09:30 ✗ not delivered to carol: hello there, this is a rather long mess…");
		assertThat(format("receipt", """
				{"messageId":"m9","peerId":"p-bob","username":"bob","state":"delivered"}"""))
			.contains("09:30 ✓ delivered to bob");
		assertThat(format("receipt", """
				{"messageId":"m1","peerId":"p-bob","username":"bob","state":"pending"}""")).isEmpty();
	}

	@Test
	void formatWhenPeersJoinRenameAndLeaveKeepsTheNamesForCompletion() {
		format("joined", """
				{"peerId":"p-bob","username":"bob","url":"http://localhost:8082","link":"connecting"}""");
		format("joined", """
				{"peerId":"p-carol","username":"Carol","url":"http://localhost:8083","link":"connecting"}""");
		format("renamed", """
				{"peerId":"p-bob","username":"robert","previousUsername":"bob"}""");
		assertThat(this.names.usernames()).containsExactly("Carol", "robert");

		format("left", """
				{"peerId":"p-carol","username":"Carol","url":"http://localhost:8083","link":"down"}""");

		assertThat(this.names.usernames()).containsExactly("robert");
	}

	@Test
	void formatWhenTypingIgnoresIt() {
		assertThat(format("typing", """
				{"fromId":"p-bob","from":"bob","to":null}""")).isEmpty();
	}

	@Test
	void formatWhenJoinedLeftShowsTheOriginalWords() {
		String peer = """
				{"peerId":"p-bob","username":"bob","url":"http://localhost:8082","link":"connecting"}""";

		assertThat(format("joined", peer)).contains("Peer bob has joined the chat.");
		assertThat(format("left", peer)).contains("bob has left the chat.");
	}

	@Test
	void formatWhenKeyChangedWarnsWithBothKeysAndHowToTrust() {
		assertThat(format("key-changed", """
				{"username":"bob","oldPeerId":"oldkey","newPeerId":"newkey"}"""))
			.hasValue("! bob's key changed (was oldkey, now newkey): private messages to bob are held back."
					+ " If you know why, type: trust bob");
	}

	@Test
	void formatWhenOtherRenamedShowsBothNames() {
		assertThat(format("renamed", """
				{"peerId":"p-bob","username":"robert","previousUsername":"bob"}"""))
			.contains("bob is now known as robert.");
	}

	@Test
	void formatWhenSelfRenamedElsewhereUpdatesSelf() {
		assertThat(format("renamed", """
				{"peerId":"p-alice","username":"alicia","previousUsername":"alice"}"""))
			.contains("You are now known as alicia.");
		assertThat(this.self.username()).isEqualTo("alicia");
	}

	@Test
	void formatWhenSelfRenameAlreadyKnownStaysQuiet() {
		this.self.renamed("alicia");

		assertThat(format("renamed", """
				{"peerId":"p-alice","username":"alicia","previousUsername":"alice"}""")).isEmpty();
	}

	@Test
	void formatWhenLinkGoesDownAndBackSaysEachOnce() {
		String down = """
				{"peerId":"p-bob","username":"bob","link":"down"}""";
		String connected = """
				{"peerId":"p-bob","username":"bob","link":"connected"}""";

		assertThat(format("link", connected)).isEmpty();
		assertThat(format("link", down)).contains("! link to bob is down; messages to them wait.");
		assertThat(format("link", down)).isEmpty();
		assertThat(format("link", connected)).contains("Link to bob is back.");
	}

	@Test
	void formatWhenUnknownEventIgnoresIt() {
		assertThat(format("snapshot", "[]")).isEmpty();
	}

	@Test
	void formatWhenDataIsNotJsonSaysSoInsteadOfFailing() {
		assertThat(format("message", "{not json"))
			.hasValueSatisfying((line) -> assertThat(line).startsWith("! unreadable message event"));
	}

	private Optional<String> format(String name, String data) {
		return this.formatter.format(new SseEvent(name, data));
	}

}
