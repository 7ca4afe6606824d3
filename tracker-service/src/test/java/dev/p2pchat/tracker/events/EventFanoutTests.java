package dev.p2pchat.tracker.events;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.stream.Collectors;

import dev.p2pchat.tracker.MutableClock;
import dev.p2pchat.tracker.registry.InMemoryPeerRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter.DataWithMediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class EventFanoutTests {

	private static final int QUEUE = 4;

	private final InMemoryPeerRegistry registry = new InMemoryPeerRegistry(
			MutableClock.startingAt("2026-01-01T00:00:00Z"), Duration.ofSeconds(15));

	private static final int MAX_CLIENTS = 3;

	private final EventFanout fanout = new EventFanout(this.registry, JsonMapper.builder().build(), Duration.ZERO,
			QUEUE, MAX_CLIENTS);

	private final Semaphore stuck = new Semaphore(0);

	@AfterEach
	void release() {
		this.stuck.release(1000);
	}

	@Test
	void slowClientIsDroppedWithoutBlockingRegistryOrOtherClients() {
		RecordingEmitter fast = new RecordingEmitter();
		this.fanout.connect(fast);
		this.fanout.connect(new StuckEmitter(this.stuck));
		await().atMost(Duration.ofSeconds(5)).until(() -> fast.frames().size() == 1);

		for (int i = 0; i < 20; i++) {
			this.registry.register("p" + i, "user" + i, "http://h/" + i, "key-p" + i);
			int delivered = i + 2;
			await().atMost(Duration.ofSeconds(5)).until(() -> fast.frames().size() == delivered);
		}

		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			assertThat(this.fanout.clientCount()).isEqualTo(1);
			assertThat(fast.frames()).hasSize(21);
		});
		assertThat(fast.frames().getFirst()).contains("event:snapshot");
		assertThat(fast.frames().getLast()).contains("event:joined", "\"username\":\"user19\"");
	}

	@Test
	void eventsAlreadyInTheSnapshotAreNotSentAgain() {
		this.registry.register("p1", "alice", "http://a/", "key-p1");
		RecordingEmitter emitter = new RecordingEmitter();

		this.fanout.connect(emitter);
		this.registry.register("p2", "bob", "http://b/", "key-p2");

		await().atMost(Duration.ofSeconds(5)).until(() -> emitter.frames().size() == 2);
		assertThat(emitter.frames().get(0)).contains("event:snapshot", "alice").doesNotContain("bob");
		assertThat(emitter.frames().get(1)).contains("event:joined", "bob");
	}

	@Test
	void connectWhenAtTheBoundIsRefusedAndAClosedStreamFreesItsPlace() {
		this.fanout.connect(new FailingEmitter());
		for (int i = 1; i < MAX_CLIENTS; i++) {
			this.fanout.connect(new RecordingEmitter());
		}
		await().atMost(Duration.ofSeconds(5)).until(() -> this.fanout.clientCount() == MAX_CLIENTS - 1);

		this.fanout.connect(new RecordingEmitter());

		assertThatThrownBy(() -> this.fanout.connect(new RecordingEmitter()))
			.isInstanceOf(TooManySubscribersException.class);
		assertThat(this.fanout.clientCount()).isEqualTo(MAX_CLIENTS);
	}

	@Test
	void keepaliveSendsACommentToEveryClient() {
		RecordingEmitter first = new RecordingEmitter();
		RecordingEmitter second = new RecordingEmitter();
		this.fanout.connect(first);
		this.fanout.connect(second);

		this.fanout.keepalive();

		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			assertThat(first.frames()).contains(":keepalive\n\n");
			assertThat(second.frames()).contains(":keepalive\n\n");
		});
	}

	@Test
	void clientThatFailsToWriteIsRemoved() {
		this.fanout.connect(new FailingEmitter());

		await().atMost(Duration.ofSeconds(5)).until(() -> this.fanout.clientCount() == 0);
	}

	@Test
	void stopEndsEveryStream() {
		RecordingEmitter emitter = new RecordingEmitter();
		this.fanout.start();
		this.fanout.connect(emitter);

		this.fanout.stop();

		assertThat(this.fanout.isRunning()).isFalse();
		assertThat(this.fanout.clientCount()).isZero();
		await().atMost(Duration.ofSeconds(5)).until(emitter::completed);
	}

	/** Keeps every frame it is sent, as text. */
	static class RecordingEmitter extends SseEmitter {

		private final List<String> frames = new CopyOnWriteArrayList<>();

		private volatile boolean completed;

		@Override
		public void complete() {
			this.completed = true;
		}

		boolean completed() {
			return this.completed;
		}

		@Override
		public void send(Set<DataWithMediaType> items) {
			this.frames.add(items.stream().map((item) -> item.getData().toString()).collect(Collectors.joining()));
		}

		List<String> frames() {
			return this.frames;
		}

	}

	/** A client that never reads: every write blocks. */
	static class StuckEmitter extends SseEmitter {

		private final Semaphore stuck;

		StuckEmitter(Semaphore stuck) {
			this.stuck = stuck;
		}

		@Override
		public void send(Set<DataWithMediaType> items) {
			this.stuck.acquireUninterruptibly();
		}

	}

	/** A client that went away. */
	static class FailingEmitter extends SseEmitter {

		@Override
		public void send(Set<DataWithMediaType> items) throws IOException {
			throw new IOException("broken pipe");
		}

	}

}
