package dev.p2pchat.peer.sse;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SseParserTests {

	@Test
	void acceptWhenBlankLineEndsEventDispatchesIt() {
		List<SseEvent> events = feed("id:7", "event:message", "data:{\"id\":\"1\"}", "");

		assertThat(events).containsExactly(new SseEvent("message", "{\"id\":\"1\"}", "7"));
	}

	@Test
	void acceptWhenSeveralDataLinesJoinsThemWithNewlines() {
		List<SseEvent> events = feed("event: joined", "data: a", "data: b", "");

		assertThat(events).containsExactly(new SseEvent("joined", "a\nb"));
	}

	@Test
	void acceptWhenValueHasMoreSpacesRemovesOnlyTheFirstOne() {
		List<SseEvent> events = feed("data:  indented ", "data:\ttab", "");

		assertThat(events).containsExactly(new SseEvent("message", " indented \n\ttab"));
	}

	@Test
	void acceptWhenFieldHasNoColonTakesTheWholeLineAsFieldWithEmptyValue() {
		List<SseEvent> events = feed("data", "data", "", "event", "data:x", "");

		assertThat(events).containsExactly(new SseEvent("message", "\n"), new SseEvent("message", "x"));
	}

	@Test
	void acceptWhenEmptyDataLineGivenDispatchesAnEmptyEvent() {
		assertThat(feed("data:", "")).containsExactly(new SseEvent("message", ""));
	}

	@Test
	void acceptWhenCommentsAndKeepalivesIgnoresThem() {
		List<SseEvent> events = feed(":keepalive", "", "event:left", ": note", "data:x", "");

		assertThat(events).containsExactly(new SseEvent("left", "x"));
	}

	@Test
	void acceptWhenNoDataIsGivenDispatchesNothingAndForgetsTheName() {
		List<SseEvent> events = feed("event:joined", "", "data:y", "");

		assertThat(events).containsExactly(new SseEvent("message", "y"));
	}

	@Test
	void acceptWhenNoEventNameUsesMessage() {
		assertThat(feed("data:hi", "")).containsExactly(new SseEvent("message", "hi"));
	}

	@Test
	void acceptWhenEventsFollowEachOtherResetsTheNameButKeepsTheId() {
		List<SseEvent> events = feed("event:receipt", "id:41", "data:1", "", "data:2", "");

		assertThat(events).containsExactly(new SseEvent("receipt", "1", "41"), new SseEvent("message", "2", "41"));
	}

	@Test
	void acceptWhenIdContainsNulIgnoresIt() {
		List<SseEvent> events = feed("id:1", "id:2\u00003", "data:z", "");

		assertThat(events).containsExactly(new SseEvent("message", "z", "1"));
	}

	@Test
	void acceptWhenUnknownFieldIgnoresIt() {
		assertThat(feed("colour: blue", "data:a", "")).containsExactly(new SseEvent("message", "a"));
	}

	@Test
	void retryWhenDigitsSetsTheReconnectionTimeAndIgnoresAnythingElse() {
		var parser = new SseParser();

		parser.accept("retry: 1500");
		parser.accept("retry: 2s");
		parser.accept("retry:");

		assertThat(parser.retry()).contains(Duration.ofMillis(1500));
		assertThat(new SseParser().retry()).isEmpty();
	}

	@Test
	void acceptWhenStreamStartsWithByteOrderMarkSkipsIt() {
		assertThat(feed("\uFEFFdata:a", "")).containsExactly(new SseEvent("message", "a"));
	}

	@Test
	void acceptWhenByteOrderMarkIsNotFirstKeepsIt() {
		assertThat(feed("data:a", "\uFEFFdata:b", "")).containsExactly(new SseEvent("message", "a"));
	}

	@Test
	void acceptWhenLinesEndInCrLfOrCrReadsTheSameEvents() throws IOException {
		String stream = "event: joined\r\ndata: a\rdata: b\n\r\ndata: c\r\r";
		var parser = new SseParser();
		List<SseEvent> events = new ArrayList<>();

		try (var reader = new BufferedReader(new StringReader(stream))) {
			String line;
			while ((line = reader.readLine()) != null) {
				parser.accept(line).ifPresent(events::add);
			}
		}

		assertThat(events).containsExactly(new SseEvent("joined", "a\nb"), new SseEvent("message", "c"));
	}

	@Test
	void acceptWhenStreamEndsMidEventDispatchesNothing() {
		assertThat(feed("event:message", "data:partial")).isEmpty();
	}

	private static List<SseEvent> feed(String... lines) {
		SseParser parser = new SseParser();
		List<SseEvent> events = new ArrayList<>();
		for (String line : lines) {
			parser.accept(line).ifPresent(events::add);
		}
		return events;
	}

}
