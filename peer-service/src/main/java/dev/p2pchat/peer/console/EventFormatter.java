package dev.p2pchat.peer.console;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import dev.p2pchat.peer.sse.SseEvent;

/**
 * Turns the peer's live events into the lines the terminal prints, in the original
 * program's words where it had some: messages from others (private ones marked), joins,
 * leaves, renames, a name whose key changed, and links that went down or came back.
 * Messages carry their {@code HH:MM} time (and a date line when the day changes); this
 * user's own messages are not echoed, their delivery receipts are ({@code ✓}/{@code ✗}).
 * Each message is shown once, whether it comes from the history or live. Keeps
 * {@link #names()} current. Called from the one event-stream thread, and from the
 * start-up thread for the history before it.
 */
final class EventFormatter {

	private final JsonMapper json;

	private final Self self;

	private static final int SEEN_KEPT = 2048;

	private static final int SNIPPET = 40;

	private final Set<String> downLinks = ConcurrentHashMap.newKeySet();

	private final Clock clock;

	private final Timestamps times;

	private final PeerNames names;

	private final Set<String> seen = Collections.newSetFromMap(Collections.synchronizedMap(new LinkedHashMap<>() {
		@Override
		protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
			return size() > SEEN_KEPT;
		}
	}));

	/**
	 * @param clock the time of receipts; its zone is the zone of every time shown
	 * @param names kept current with the peers' joins, leaves and renames
	 */
	EventFormatter(JsonMapper json, Self self, Clock clock, PeerNames names) {
		this.names = names;
		this.json = json;
		this.self = self;
		this.clock = clock;
		this.times = new Timestamps(clock.getZone());
	}

	/** The usernames of the other peers, as the events told them. */
	PeerNames names() {
		return this.names;
	}

	/** A message of the history shown at start; this user's own included. */
	Optional<String> history(ApiViews.Message message) {
		if (!this.seen.add(message.key())) {
			return Optional.empty();
		}
		String mark = (message.to() == null) ? ""
				: this.self.is(message.from()) ? "[private to " + message.to() + "] " : "[private] ";
		return Optional.of(stamp(message.sentAt(), mark + message.from() + ": " + message.text()));
	}

	/**
	 * The line to print for an event, if any, with every control character in it shown as
	 * a visible escape ({@link Visible}): other people's names and text never reach the
	 * terminal raw.
	 */
	Optional<String> format(SseEvent event) {
		return line(event).map(EventFormatter::escapeEachLine);
	}

	/**
	 * Escapes each line on its own: the only raw line break left is the one after a date
	 * line, since {@link #stamp} escaped the message's own ones already.
	 */
	private static String escapeEachLine(String lines) {
		return Arrays.stream(lines.split("\n", -1)).map(Visible::escape).collect(Collectors.joining("\n"));
	}

	private Optional<String> line(SseEvent event) {
		try {
			return switch (event.name()) {
				case "message" -> message(read(event, ApiViews.Message.class));
				case "receipt" -> receipt(read(event, ApiViews.Receipt.class));
				case "joined" -> joined(read(event, ApiViews.Peer.class));
				case "left" -> left(read(event, ApiViews.Peer.class));
				case "renamed" -> renamed(read(event, ApiViews.Renamed.class));
				case "link" -> link(read(event, ApiViews.Peer.class));
				case "key-changed" -> keyChanged(read(event, ApiViews.KeyChange.class));
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
		if (this.self.is(message.from()) || !this.seen.add(message.key())) {
			return Optional.empty();
		}
		String mark = (message.to() != null) ? "[private] " : "";
		return Optional.of(stamp(message.sentAt(), mark + message.from() + ": " + message.text()));
	}

	private Optional<String> receipt(ApiViews.Receipt receipt) {
		String what = this.self.sentText(receipt.messageId()).map(EventFormatter::snippet).orElse("");
		return switch (receipt.state()) {
			case "delivered" -> Optional.of(stamp(null, "✓ delivered to " + receipt.username() + what));
			case "failed" -> Optional.of(stamp(null, "✗ not delivered to " + receipt.username() + what));
			default -> Optional.empty();
		};
	}

	private static String snippet(String text) {
		String line = text.strip().replaceAll("\\s+", " ");
		return ": " + ((line.length() > SNIPPET) ? line.substring(0, SNIPPET - 1) + "…" : line);
	}

	private String stamp(@Nullable Instant at, String line) {
		return this.times.stamp((at != null) ? at : this.clock.instant(), Visible.escape(line));
	}

	private Optional<String> joined(ApiViews.Peer peer) {
		this.names.put(peer.peerId(), peer.username());
		return Optional.of("Peer " + peer.username() + " has joined the chat.");
	}

	private Optional<String> left(ApiViews.Peer peer) {
		this.names.remove(peer.peerId());
		return Optional.of(peer.username() + " has left the chat.");
	}

	private Optional<String> renamed(ApiViews.Renamed renamed) {
		if (renamed.peerId().equals(this.self.peerId())) {
			return this.self.renamed(renamed.username())
					? Optional.of("You are now known as " + renamed.username() + ".") : Optional.empty();
		}
		this.names.put(renamed.peerId(), renamed.username());
		String before = (renamed.previousUsername() != null) ? renamed.previousUsername() : "A peer";
		return Optional.of(before + " is now known as " + renamed.username() + ".");
	}

	private static Optional<String> keyChanged(ApiViews.KeyChange change) {
		return Optional.of("! " + change.username() + "'s key changed (was " + change.oldPeerId() + ", now "
				+ change.newPeerId() + "): private messages to " + change.username()
				+ " are held back. If you know why, type: trust " + change.username());
	}

	private Optional<String> link(ApiViews.Peer peer) {
		if ("down".equals(peer.link())) {
			return this.downLinks.add(peer.peerId())
					? Optional.of("! link to " + peer.username() + " is down; messages to them wait.")
					: Optional.empty();
		}
		if (("connected".equals(peer.link()) || "relayed".equals(peer.link()))
				&& this.downLinks.remove(peer.peerId())) {
			return Optional.of("Link to " + peer.username() + " is back.");
		}
		return Optional.empty();
	}

}
