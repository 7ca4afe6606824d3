package dev.p2pchat.bench.node;

import java.util.function.Consumer;

/**
 * The mesh of one node as the benchmark sees it: hand a broadcast in, observe delivered
 * texts.
 */
public interface Transport {

	/**
	 * Broadcasts one message to every other node. May block for back-pressure.
	 * @param text the message text
	 * @throws Exception when the mesh refuses it
	 */
	void broadcast(String text) throws Exception;

	/**
	 * Registers the single listener for delivered message texts. It is called on the
	 * transport's threads, possibly several at once.
	 * @param listener receives each delivered text
	 */
	void onDelivered(Consumer<String> listener);

}
