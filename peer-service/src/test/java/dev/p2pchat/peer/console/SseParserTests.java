package dev.p2pchat.peer.console;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SseParserTests {

	@Test
	void acceptWhenBlankLineEndsEventDispatchesIt() {
		List<SseEvent> events = feed("id:7", "event:message", "data:{\"id\":\"1\"}", "");

		assertThat(events).containsExactly(new SseEvent("message", "{\"id\":\"1\"}"));
	}

	@Test
	void acceptWhenSeveralDataLinesJoinsThemWithNewlines() {
		List<SseEvent> events = feed("event: joined", "data: a", "data: b", "");

		assertThat(events).containsExactly(new SseEvent("joined", "a\nb"));
	}

	@Test
	void acceptWhenCommentsAndKeepalivesIgnoresThem() {
		List<SseEvent> events = feed(":keepalive", "", "event:left", ": note", "data:x", "");

		assertThat(events).containsExactly(new SseEvent("left", "x"));
	}

	@Test
	void acceptWhenNoEventNameUsesMessage() {
		assertThat(feed("data:hi", "")).containsExactly(new SseEvent("message", "hi"));
	}

	@Test
	void acceptWhenEventsFollowEachOtherResetsTheName() {
		List<SseEvent> events = feed("event:receipt", "data:1", "", "data:2", "");

		assertThat(events).containsExactly(new SseEvent("receipt", "1"), new SseEvent("message", "2"));
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
