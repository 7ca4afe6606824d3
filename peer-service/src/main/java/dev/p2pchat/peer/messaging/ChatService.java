package dev.p2pchat.peer.messaging;

import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import io.micrometer.core.instrument.Counter;
import lombok.extern.slf4j.Slf4j;
import org.jspecify.annotations.Nullable;

import dev.p2pchat.peer.config.LocalPeer;
import dev.p2pchat.peer.config.Username;
import dev.p2pchat.link.frame.MessageRecord;
import dev.p2pchat.peer.mesh.DeliveryTicket;
import dev.p2pchat.peer.mesh.Mesh;
import dev.p2pchat.peer.tracker.KnownPeer;
import dev.p2pchat.peer.tracker.NameBindings;
import dev.p2pchat.peer.tracker.PeerDirectory;

/**
 * The in-process entry point to chat: send a broadcast or a private message, read the
 * history and delivery states, subscribe to live events. Used by the REST API, the
 * terminal client and the benchmarks. {@link #send} returns once the message is in every
 * recipient's outbox and in the history's journal, which writes it to the disk within the
 * sync interval; {@link #sendDurably} returns once it is written. Neither waits for the
 * network. Thread-safe.
 */
@Slf4j
public class ChatService {

	private final LocalPeer self;

	private final PeerDirectory directory;

	private final NameBindings names;

	private final Mesh mesh;

	private final MessageLog history;

	private final ChatEvents events;

	private final Receipts receipts;

	private final UuidV7 ids;

	private final Clock clock;

	private final int maxTextLength;

	private final Counter sent;

	private final ReentrantLock sendLock = new ReentrantLock();

	ChatService(LocalPeer self, PeerDirectory directory, NameBindings names, Mesh mesh, MessageLog history,
			ChatEvents events, Receipts receipts, Clock clock, int maxTextLength, Counter sent) {
		this.self = self;
		this.directory = directory;
		this.names = names;
		this.mesh = mesh;
		this.history = history;
		this.events = events;
		this.receipts = receipts;
		this.ids = new UuidV7(clock);
		this.clock = clock;
		this.maxTextLength = maxTextLength;
		this.sent = sent;
	}

	/**
	 * Sends a message to every known peer ({@code to == null}) or privately to the peer
	 * of that username.
	 * @return the message as stored
	 * @throws InvalidMessageException when the text is empty, too long or not well-formed
	 * Unicode (a lone surrogate), or names this peer as recipient
	 * @throws UnknownRecipientException when nobody of that name is known
	 * @throws dev.p2pchat.peer.tracker.KeyChangedException when the name is now held by
	 * another key than the one this peer trusts for it (nothing is sent)
	 * @throws StorageException when the history cannot be written now (a full disk)
	 */
	public ChatMessage send(@Nullable String to, String text) {
		return send(to, text, false);
	}

	/**
	 * Like {@link #send}, and returns only once the message is written to the operating
	 * system (synced too under {@code p2pchat.peer.store.sync=always}): it then survives
	 * a crash of this process. What {@code POST /messages} does before its {@code 202}.
	 * Concurrent callers share one write (group commit).
	 */
	public ChatMessage sendDurably(@Nullable String to, String text) {
		return send(to, text, true);
	}

	/**
	 * Sends a reply to a message of the history, durably (as {@link #sendDurably}), in
	 * that message's conversation: to everyone when it went to everyone, else privately
	 * to its other party.
	 * @throws UnknownMessageException when the history holds no message with that id
	 */
	public ChatMessage reply(UUID replyTo, String text) {
		ChatMessage answered = this.history.find(replyTo)
			.orElseThrow(() -> new UnknownMessageException("no message " + replyTo))
			.message();
		String to = answered.broadcast() ? null
				: answered.fromId().equals(this.self.id()) ? answered.to() : answered.from();
		return send(to, text, true, replyTo);
	}

	/**
	 * The conversation a reply to that message goes to: {@code null} for everyone, else
	 * the other party's username.
	 * @throws UnknownMessageException when the history holds no message with that id
	 */
	public @Nullable String conversationOf(UUID id) {
		ChatMessage message = this.history.find(id)
			.orElseThrow(() -> new UnknownMessageException("no message " + id))
			.message();
		return message.broadcast() ? null : message.fromId().equals(this.self.id()) ? message.to() : message.from();
	}

	/**
	 * Edits this peer's own message.
	 * @throws UnknownMessageException when there is no such message (or it is deleted)
	 * @throws NotYourMessageException when it is another peer's
	 */
	public LoggedMessage edit(UUID id, String text) {
		checkText(text);
		LoggedMessage logged = own(id);
		if (this.history.act(logged, HistoryStore.EDIT, text)) {
			this.events.publish(new ChatEvent.Edited(id, this.self.id(), text));
		}
		return logged;
	}

	/**
	 * Deletes this peer's own message: its text is gone from the history and, once the
	 * journal's compaction it starts has written its snapshot, from the files.
	 * @throws UnknownMessageException when there is no such message
	 * @throws NotYourMessageException when it is another peer's
	 */
	public void delete(UUID id) {
		LoggedMessage logged = this.history.find(id).orElseThrow(() -> new UnknownMessageException("no message " + id));
		if (!logged.message().fromId().equals(this.self.id())) {
			throw new NotYourMessageException("message " + id + " is " + logged.message().from() + "'s");
		}
		if (this.history.act(logged, HistoryStore.DELETE)) {
			this.events.publish(new ChatEvent.Deleted(id, this.self.id()));
		}
	}

	/**
	 * Adds ({@code add}) or removes this peer's reaction to a message.
	 * @throws InvalidMessageException when {@code emoji} is not one emoji
	 * @throws UnknownMessageException when there is no such message (or it is deleted)
	 */
	public LoggedMessage react(UUID id, String emoji, boolean add) {
		if (!Emoji.valid(emoji)) {
			throw new InvalidMessageException("emoji", "a reaction is one emoji", false);
		}
		LoggedMessage logged = existing(id);
		byte action = add ? HistoryStore.REACT : HistoryStore.UNREACT;
		if (this.history.act(logged, action, emoji, this.self.id(), this.self.username())) {
			this.events.publish(new ChatEvent.Reaction(id, logged.message().fromId(), emoji, this.self.id(),
					this.self.username(), add));
		}
		return logged;
	}

	/**
	 * Marks the conversation of that message read up to it.
	 * @throws UnknownMessageException when there is no such message
	 */
	public void read(UUID upTo) {
		LoggedMessage logged = this.history.find(upTo)
			.orElseThrow(() -> new UnknownMessageException("no message " + upTo));
		if (this.history.act(logged, HistoryStore.READ, this.self.id(), this.self.username())) {
			this.events
				.publish(new ChatEvent.Read(upTo, logged.message().fromId(), this.self.id(), this.self.username()));
		}
	}

	/**
	 * Who has read that message (or a later one of its conversation), peerId to username.
	 */
	public Map<String, String> readers(LoggedMessage logged) {
		return this.history.readers(logged);
	}

	private LoggedMessage existing(UUID id) {
		LoggedMessage logged = this.history.find(id).orElseThrow(() -> new UnknownMessageException("no message " + id));
		if (logged.deleted()) {
			throw new UnknownMessageException("message " + id + " was deleted");
		}
		return logged;
	}

	private LoggedMessage own(UUID id) {
		LoggedMessage logged = existing(id);
		if (!logged.message().fromId().equals(this.self.id())) {
			throw new NotYourMessageException("message " + id + " is " + logged.message().from() + "'s");
		}
		return logged;
	}

	private ChatMessage send(@Nullable String to, String text, boolean durably) {
		return send(to, text, durably, null);
	}

	private ChatMessage send(@Nullable String to, String text, boolean durably, @Nullable UUID replyTo) {
		checkText(text);
		List<KnownPeer> recipients = recipients(to);
		if (this.history.failing()) {
			// before any side effect: this message is not sent at all
			throw new StorageException(false);
		}
		KnownPeer only = (to != null) ? recipients.getFirst() : null;
		// one send at a time from here on: concurrent sends must reach every recipient's
		// outbox in the same order (their id order), or receivers would disagree
		ChatMessage message;
		long written;
		this.sendLock.lock();
		try {
			message = new ChatMessage(this.ids.next(), this.self.id(), this.self.username(),
					(only != null) ? only.peerId() : null, (only != null) ? only.username() : null, text,
					this.clock.instant());
			List<String> peerIds = new ArrayList<>(recipients.size());
			List<String> usernames = new ArrayList<>(recipients.size());
			for (KnownPeer peer : recipients) {
				peerIds.add(peer.peerId());
				usernames.add(peer.username());
			}
			var logged = new LoggedMessage(message, peerIds, usernames);
			logged.replyTo(replyTo);
			written = this.history.append(logged);
			this.sent.increment();
			log.debug("sending {} to {} peer(s)", message.id(), recipients.size());
			this.events.publish(new ChatEvent.Message(message, replyTo));
			DeliveryTicket ticket = this.receipts.ticketFor(logged);
			sendToEach(this.mesh, message, peerIds, ticket);
		}
		finally {
			this.sendLock.unlock();
		}
		if (durably) {
			// outside the lock, so that concurrent senders share one write (group commit)
			try {
				this.history.await(written);
			}
			catch (UncheckedIOException ex) {
				// in the outboxes already, and kept in memory for the journal's next
				// write
				throw new StorageException(true);
			}
		}
		return message;
	}

	/** History, oldest first; see {@code GET /messages}. */
	public List<ChatMessage> history(int limit, @Nullable UUID after) {
		return this.history.page(limit, after);
	}

	/**
	 * The {@code limit} messages just before {@code before}, oldest first; see
	 * {@code GET /messages?before=}. Empty when {@code before} is not in the history.
	 */
	public List<ChatMessage> historyBefore(int limit, UUID before) {
		return this.history.pageBefore(limit, before);
	}

	/**
	 * A message of the history with its delivery states: this peer's own or, for a
	 * received id, the message first held with it (see {@link #find(UUID, String)}).
	 */
	public Optional<LoggedMessage> find(UUID id) {
		return this.history.find(id);
	}

	/**
	 * The message of that sender with this id: an id is its sender's, and a hostile peer
	 * may reuse another sender's id for a message of its own (both are kept, each under
	 * its sender).
	 */
	public Optional<LoggedMessage> find(UUID id, String fromId) {
		return this.history.find(fromId, id);
	}

	/**
	 * Registers a subscriber for live events; it is called on the thread that caused the
	 * event and must not block.
	 * @return closing it ends the subscription
	 */
	public AutoCloseable subscribe(Consumer<ChatEvent> subscriber) {
		return this.events.subscribe(subscriber);
	}

	private void checkText(@Nullable String text) {
		if (text == null || text.isBlank()) {
			throw new InvalidMessageException("text", "text must not be empty", false);
		}
		if (text.length() > this.maxTextLength) {
			throw new InvalidMessageException("text", "text longer than " + this.maxTextLength + " characters", true);
		}
		if (!Utf16.wellFormed(text)) {
			throw new InvalidMessageException("text",
					"text holds a lone surrogate (not a Unicode character): it cannot be encoded as UTF-8", false);
		}
	}

	private List<KnownPeer> recipients(@Nullable String to) {
		if (to == null) {
			return this.directory.everyone();
		}
		if (Username.same(to, this.self.username())) {
			throw new InvalidMessageException("to", "cannot send a private message to yourself", false);
		}
		KnownPeer peer = this.directory.findByUsername(to).orElseThrow(() -> new UnknownRecipientException(to));
		// before anything is written: a name that changed hands gets nothing
		this.names.requireTrusted(peer);
		return List.of(peer);
	}

	/**
	 * Encodes a message once and queues it for each recipient; one that cannot be encoded
	 * (a lone surrogate, refused before it gets here) fails for each at once and is never
	 * queued, so it can neither stall nor flap a link.
	 */
	static void sendToEach(Mesh mesh, ChatMessage message, List<String> peerIds, DeliveryTicket ticket) {
		MessageRecord wire;
		try {
			wire = WireMessages.encode(message);
		}
		catch (IllegalArgumentException ex) {
			log.warn("message {} cannot be encoded ({}): failed", message.id(), ex.getMessage());
			peerIds.forEach((peerId) -> ticket.failed(peerId, "cannot be encoded"));
			return;
		}
		for (String peerId : peerIds) {
			mesh.send(peerId, wire, ticket);
		}
	}

}
