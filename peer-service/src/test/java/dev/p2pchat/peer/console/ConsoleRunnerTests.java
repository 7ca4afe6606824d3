package dev.p2pchat.peer.console;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleRunnerTests {

	private static final Instant T0 = Instant.parse("2026-11-26T09:00:00Z");

	private final ConsoleSessionTests.FakeApi api = new ConsoleSessionTests.FakeApi();

	private final ConsoleSessionTests.ScriptedIo io = new ConsoleSessionTests.ScriptedIo();

	private final PeerNames names = new PeerNames();

	private final EventFormatter formatter = new EventFormatter(JsonMapper.builder().build(),
			new Self("p-alice", "alice"), Clock.fixed(T0, ZoneOffset.UTC), this.names);

	@Test
	void showRecentWhenTheHistoryIsLongPrintsTheLastTwentyOldestFirstAndLearnsThePeers() throws Exception {
		this.api.history = IntStream.rangeClosed(1, 25)
			.mapToObj((i) -> new ApiViews.Message("m" + i, (i % 2 == 0) ? "alice" : "bob", null, "line " + i,
					T0.plusSeconds(60L * i)))
			.toList();

		ConsoleRunner.showRecent(this.api, this.io, this.formatter);

		assertThat(this.io.out).hasSize(21);
		assertThat(this.io.out.getFirst()).isEqualTo("Last 20 messages:");
		assertThat(this.io.out.get(1)).endsWith("09:06 alice: line 6").startsWith("-- Thursday 26 November 2026 --");
		assertThat(this.io.out.getLast()).isEqualTo("09:25 bob: line 25");
		assertThat(this.names.usernames()).containsExactly("bob", "carol");
	}

	@Test
	void showRecentWhenThereIsNoHistoryPrintsNothing() throws Exception {
		ConsoleRunner.showRecent(this.api, this.io, this.formatter);

		assertThat(this.io.out).isEmpty();
	}

	@Test
	void showRecentWhenThePeerDoesNotAnswerLeavesItOut() throws Exception {
		this.api.history = List.of(new ApiViews.Message("m1", "bob", null, "hi", T0));
		this.api.down = true;

		ConsoleRunner.showRecent(this.api, this.io, this.formatter);

		assertThat(this.io.out).isEmpty();
	}

}
