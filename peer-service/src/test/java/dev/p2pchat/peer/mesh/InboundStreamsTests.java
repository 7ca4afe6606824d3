package dev.p2pchat.peer.mesh;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

import static org.assertj.core.api.Assertions.assertThat;

class InboundStreamsTests {

	private final InboundStreams streams = new InboundStreams();

	private final List<String> delivered = new ArrayList<>();

	@Test
	void acceptWhenBatchRepeatsDeliversEachSeqOnce() {
		var hello = hello("e1");
		this.streams.open(hello);

		long first = this.streams.accept(hello, batch(1, "a", "b"), this::deliver);
		long again = this.streams.accept(hello, batch(1, "a", "b", "c"), this::deliver);

		assertThat(this.delivered).containsExactly("a", "b", "c");
		assertThat(first).isEqualTo(2);
		assertThat(again).isEqualTo(3);
	}

	@Test
	void acceptWhenSenderSkippedFailedMessagesDeliversTheRest() {
		var hello = hello("e1");
		this.streams.open(hello);
		this.streams.accept(hello, batch(1, "a"), this::deliver);

		this.streams.accept(hello, batch(5, "e"), this::deliver);

		assertThat(this.delivered).containsExactly("a", "e");
	}

	@Test
	void openWhenSenderRestartedWithNewEpochCountsAgain() {
		var before = hello("e1");
		this.streams.open(before);
		this.streams.accept(before, batch(1, "a", "b"), this::deliver);
		var after = hello("e2");

		this.streams.open(after);
		this.streams.accept(after, batch(1, "x"), this::deliver);
		long stale = this.streams.accept(before, batch(3, "c"), this::deliver);

		assertThat(this.delivered).containsExactly("a", "b", "x");
		assertThat(stale).isZero();
	}

	private void deliver(Object node) {
		this.delivered.add(((JsonNode) node).asString());
	}

	private static LinkFrame.Hello hello(String epoch) {
		return new LinkFrame.Hello(1, "p1", "alice", URI.create("http://127.0.0.1:1"), epoch);
	}

	private static LinkFrame.Batch batch(long seq, String... texts) {
		List<JsonNode> nodes = new ArrayList<>();
		for (String text : texts) {
			nodes.add(JsonNodeFactory.instance.stringNode(text));
		}
		return new LinkFrame.Batch(seq, nodes);
	}

}
