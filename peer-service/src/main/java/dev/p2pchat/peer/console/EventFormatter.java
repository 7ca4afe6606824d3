package dev.p2pchat.peer.console;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import dev.p2pchat.peer.sse.SseEvent;

/**
 * Turns the peer's live events into the lines the terminal prints, in the original
 * program's words where it had some: messages from others (private ones marked), joins,
 * leaves, renames, failed deliveries and links that went down or came back. This user's
 * own messages are not echoed. Called from the one event-stream thread.
 */
final class EventFormatter {

	private final JsonMapper json;

	private final Self self;

	private final Set<String> downLinks = ConcurrentHashMap.newKeySet();

	EventFormatter(JsonMapper json, Self self) {
		this.json = json;
		this.self = self;
	}

	/**
	 * The line to print for an event, if any, with every control character in it shown as
	 * a visible escape ({@link Visible}): other people's names and text never reach the
	 * terminal raw.
	 */
	Optional<String> format(SseEvent event) {
		return line(event).map(Visible::escape);
	}

	private Optional<String> line(SseEvent event) {
		try {
			return switch (event.name()) {
				case "message" -> message(read(event, ApiViews.Message.class));
				case "receipt" -> receipt(read(event, ApiViews.Receipt.class));
				case "joined" ->
					Optional.of("Peer " + read(event, ApiViews.Peer.class).username() + " has joined the chat.");
				case "left" -> Optional.of(read(event, ApiViews.Peer.class).username() + " has left the chat.");
				case "renamed" -> renamed(read(event, ApiViews.Renamed.class));
				case "link" -> link(read(event, ApiViews.Peer.class));
				default -> Optional.empty();
			};
		}
		catch (JacksonException ex) {
			return Optional.of("! unreadable " + event.name() + " event: " + ex.getOriginalMessage());
		}
	}

	private <T> T read(SseEvent event, Class<T> type) {
		return this.json.readValue(event.data(), type);
	}

	private Optional<String> message(ApiViews.Message message) {
		if (this.self.is(message.from())) {
			return Optional.empty();
		}
		String mark = (message.to() != null) ? "[private] " : "";
		return Optional.of(mark + message.from() + ": " + message.text());
	}

	private Optional<String> receipt(ApiViews.Receipt receipt) {
		if (!"failed".equals(receipt.state())) {
			return Optional.empty();
		}
		return Optional.of("! a message to " + receipt.username() + " could not be delivered.");
	}

	private Optional<String> renamed(ApiViews.Renamed renamed) {
		if (renamed.peerId().equals(this.self.peerId())) {
			return this.self.renamed(renamed.username())
					? Optional.of("You are now known as " + renamed.username() + ".") : Optional.empty();
		}
		String before = (renamed.previousUsername() != null) ? renamed.previousUsername() : "A peer";
		return Optional.of(before + " is now known as " + renamed.username() + ".");
	}

	private Optional<String> link(ApiViews.Peer peer) {
		if ("down".equals(peer.link())) {
			return this.downLinks.add(peer.peerId())
					? Optional.of("! link to " + peer.username() + " is down; messages to them wait.")
					: Optional.empty();
		}
		if ("connected".equals(peer.link()) && this.downLinks.remove(peer.peerId())) {
			return Optional.of("Link to " + peer.username() + " is back.");
		}
		return Optional.empty();
	}

}
