package dev.p2pchat.peer.console;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import dev.p2pchat.peer.sse.SseEvent;

import static org.assertj.core.api.Assertions.assertThat;

class EventFormatterTests {

	private final Self self = new Self("p-alice", "alice");

	private final EventFormatter formatter = new EventFormatter(JsonMapper.builder().build(), this.self);

	@Test
	void formatWhenBroadcastFromOtherShowsSenderAndText() {
		assertThat(format("message", """
				{"id":"m1","from":"bob","to":null,"text":"hi all","sentAt":"2026-11-25T10:00:00Z"}"""))
			.contains("bob: hi all");
	}

	@Test
	void formatWhenTextCarriesTerminalControlsShowsThemEscaped() {
		String text = "\u001B]0;pwned\u0007\u001B[2J\u001B[1;1Hfake\u009B31m\u0085\r\nalice: lie\u202Eevil\u007F";

		String line = format("message", "{\"id\":\"m1\",\"from\":\"bob\",\"to\":null,\"text\":"
				+ JsonMapper.builder().build().writeValueAsString(text) + "}")
			.orElseThrow();

		assertThat(line).isEqualTo("bob: ^[]0;pwned^G^[[2J^[[1;1Hfake<U+009B>31m<U+0085>^M^Jalice: lie<U+202E>evil^?");
		assertThat(line.chars()).noneMatch((c) -> c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x202E);
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
			.contains("[private] bob: psst");
	}

	@Test
	void formatWhenOwnMessageDoesNotEchoIt() {
		assertThat(format("message", """
				{"id":"m1","from":"Alice","to":null,"text":"mine"}""")).isEmpty();
	}

	@Test
	void formatWhenJoinedLeftShowsTheOriginalWords() {
		String peer = """
				{"peerId":"p-bob","username":"bob","url":"http://localhost:8082","link":"connecting"}""";

		assertThat(format("joined", peer)).contains("Peer bob has joined the chat.");
		assertThat(format("left", peer)).contains("bob has left the chat.");
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
	void formatWhenReceiptFailedTellsTheUserOtherwiseQuiet() {
		assertThat(format("receipt", """
				{"messageId":"m1","peerId":"p-bob","username":"bob","state":"failed"}"""))
			.contains("! a message to bob could not be delivered.");
		assertThat(format("receipt", """
				{"messageId":"m1","peerId":"p-bob","username":"bob","state":"delivered"}""")).isEmpty();
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
