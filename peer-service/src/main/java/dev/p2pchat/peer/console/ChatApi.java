package dev.p2pchat.peer.console;

import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import dev.p2pchat.peer.sse.SseEvent;

/**
 * The calls of the peer's public HTTP API that the terminal client makes. Every method
 * blocks; errors answered by the peer are {@link ApiException}s, an unreachable peer is
 * an {@link IOException}.
 */
interface ChatApi {

	ApiViews.Me me() throws IOException, InterruptedException;

	ApiViews.Message send(@Nullable String to, String text) throws IOException, InterruptedException;

	ApiViews.Me rename(String username) throws IOException, InterruptedException;

	List<ApiViews.Peer> peers() throws IOException, InterruptedException;

	/**
	 * The names whose key changed and is not accepted yet ({@code GET /names/changes}).
	 */
	List<ApiViews.KeyChange> keyChanges() throws IOException, InterruptedException;

	/**
	 * Trusts {@code peerId} for {@code username} ({@code POST /names/{username}/accept}).
	 */
	void acceptKey(String username, String peerId) throws IOException, InterruptedException;

	/** The last {@code limit} messages of the history, oldest first. */
	List<ApiViews.Message> history(int limit) throws IOException, InterruptedException;

	/**
	 * Reads {@code GET /messages/stream} until it ends.
	 * @param opened called once the stream is open
	 * @param sink receives each event, on the calling thread, in stream order
	 */
	void follow(Runnable opened, Consumer<SseEvent> sink) throws IOException, InterruptedException;

}
