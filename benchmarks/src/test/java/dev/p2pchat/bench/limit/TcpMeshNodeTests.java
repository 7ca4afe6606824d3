package dev.p2pchat.bench.limit;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The batched raw-TCP limit over real loopback sockets: whatever the batching does, every
 * message arrives once, whole and in order.
 */
class TcpMeshNodeTests {

	@Test
	void broadcastWhenLinkedDeliversEveryMessageOnceInOrder() throws Exception {
		var received = new CopyOnWriteArrayList<String>();
		TcpMeshNode sender = linkedTo(received);
		// more than one batch frame holds, in bursts and alone, with non-ASCII text
		List<String> sent = IntStream.range(0, 5000).mapToObj((i) -> "message " + i + " é ✓").toList();
		for (String text : sent) {
			sender.broadcast(text);
		}

		await().until(() -> received.size() >= sent.size());
		assertThat(received).containsExactlyElementsOf(sent);
	}

	@Test
	void broadcastWhenMessageIsLargerThanABatchDeliversItWhole() throws Exception {
		var received = new CopyOnWriteArrayList<String>();
		TcpMeshNode sender = linkedTo(received);
		String large = "x".repeat(3 * TcpBatchQueue.MAX_BATCH_BYTES);

		sender.broadcast("before");
		sender.broadcast(large);
		sender.broadcast("after");

		await().until(() -> received.size() >= 3);
		assertThat(received).containsExactly("before", large, "after");
	}

	/** A node that sends to one other node whose deliveries go to {@code received}. */
	private static TcpMeshNode linkedTo(List<String> received) throws Exception {
		var receiver = new TcpMeshNode();
		receiver.onDelivered(received::add);
		var server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		receiver.listen(server);
		var sender = new TcpMeshNode();
		sender.dial(server.getLocalPort());
		await().until(() -> sender.linkCount() == 1 && receiver.linkCount() == 1);
		return sender;
	}

}
