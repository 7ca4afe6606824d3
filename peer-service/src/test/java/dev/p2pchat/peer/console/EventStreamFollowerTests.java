package dev.p2pchat.peer.console;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import dev.p2pchat.peer.sse.SseEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class EventStreamFollowerTests {

	private final PrintingIo io = new PrintingIo();

	@Test
	void followWhenStreamDropsTellsOnceReconnectsAndSaysItIsBack() {
		FlakyStream api = new FlakyStream();
		EventFormatter formatter = new EventFormatter(JsonMapper.builder().build(), new Self("p-alice", "alice"),
				Clock.fixed(Instant.parse("2026-11-26T09:00:00Z"), ZoneOffset.UTC), new PeerNames());

		try (EventStreamFollower follower = new EventStreamFollower(api, formatter, this.io)) {
			follower.start();

			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(this.io.lines).containsSubsequence(
						"-- Wednesday 25 November 2026 --" + System.lineSeparator() + "10:00 bob: first",
						"! live events dropped; reconnecting...", "(live events are back)", "10:01 bob: second"));
		}
		assertThat(this.io.lines).filteredOn((line) -> line.startsWith("! live events dropped")).hasSize(1);
	}

	/**
	 * Opens and sends one message, then fails twice to connect, then opens again and
	 * sends another; later calls block as a quiet stream would.
	 */
	static final class FlakyStream implements ChatApi {

		private final AtomicInteger calls = new AtomicInteger();

		@Override
		public void follow(Runnable opened, Consumer<SseEvent> sink) throws IOException, InterruptedException {
			switch (this.calls.incrementAndGet()) {
				case 1 -> {
					opened.run();
					sink.accept(message("first"));
				}
				case 2, 3 -> throw new IOException("Connection refused");
				case 4 -> {
					opened.run();
					sink.accept(message("second"));
					blockUntilClosed();
				}
				default -> blockUntilClosed();
			}
		}

		/** A quiet open stream: nothing arrives until the follower is closed. */
		private static void blockUntilClosed() throws InterruptedException {
			new SynchronousQueue<Void>().take();
		}

		private static SseEvent message(String text) {
			return new SseEvent("message", "{\"id\":\"" + text + "\",\"from\":\"bob\",\"to\":null,\"text\":\"" + text
					+ "\",\"sentAt\":\"2026-11-25T10:0" + (text.equals("first") ? 0 : 1) + ":00Z\"}");
		}

		@Override
		public ApiViews.Me me() {
			throw new UnsupportedOperationException();
		}

		@Override
		public ApiViews.Message send(@Nullable String to, String text) {
			throw new UnsupportedOperationException();
		}

		@Override
		public ApiViews.Me rename(String username) {
			throw new UnsupportedOperationException();
		}

		@Override
		public List<ApiViews.Peer> peers() {
			throw new UnsupportedOperationException();
		}

		@Override
		public List<ApiViews.Message> history(int limit) {
			throw new UnsupportedOperationException();
		}

		@Override
		public List<ApiViews.KeyChange> keyChanges() {
			throw new UnsupportedOperationException();
		}

		@Override
		public void acceptKey(String username, String peerId) {
			throw new UnsupportedOperationException();
		}

	}

	static final class PrintingIo implements ConsoleIo {

		final List<String> lines = new CopyOnWriteArrayList<>();

		@Override
		public @Nullable String readLine(String prompt) {
			return null;
		}

		@Override
		public void println(String line) {
			this.lines.add(line);
		}

		@Override
		public void close() {
		}

	}

}
