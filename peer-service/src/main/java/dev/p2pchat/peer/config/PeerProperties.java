package dev.p2pchat.peer.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import dev.p2pchat.peer.store.SyncPolicy;

/**
 * Settings of one peer, bound from {@code p2pchat.peer.*}. The first eight names and
 * defaults are fixed by SPEC; the nested groups are tuning knobs documented in
 * {@code docs/peer.md}.
 *
 * @param username this peer's initial username (see {@link Username} for the rule)
 * @param id retired: the peerId is derived from the identity key in the data directory;
 * setting it stops the start with a message saying so
 * @param dataDir the peer's data directory: identity key, owner token, history and
 * outboxes (default {@code ${user.home}/.p2p-chat/peer-${server.port}}, one per peer)
 * @param trackerUrl base URL of the tracker
 * @param advertisedUrl base URL other peers use to link to this one (defaults to
 * {@code http://localhost:${server.port}})
 * @param renewInterval lease renewal period
 * @param historySize messages kept in the history, on disk
 * @param maxTextLength longest accepted message text, in characters
 * @param console whether the terminal client reads commands from standard input
 * @param outbox bounds of each per-peer outbox
 * @param link link tuning: pings, handshake timeout, frame sizes
 * @param backoff bounds of the retry backoff towards the tracker and other peers
 * @param stream live event stream tuning
 * @param joinToken the tracker's join token, sent when registering and reading the
 * directory of a closed group; unset for an open tracker
 * @param http bounds of the HTTP API
 * @param store how the history on disk is synced
 * @param historyMaxBytes most bytes of history kept (estimated heap size: 2 bytes per
 * character plus a fixed overhead per message), besides {@code historySize}; past either
 * the oldest messages go. Sized for the image's 256 MB heap (docs/peer.md)
 * @param maxLinks most authenticated links this peer holds; beyond it a stranger's new
 * link is refused (1013) and a peer this one has a conversation with (messages from it in
 * the history, or a private message to it) evicts the least recently active stranger
 * (docs/peer.md, Limits)
 * @param limits what one registered peer may make this one hold or do
 */
// Checked in the constructors rather than with Bean Validation, which alone loaded ~560
// classes at start-up (see docs/benchmarks.md, W5).
@ConfigurationProperties("p2pchat.peer")
public record PeerProperties(String username, @Nullable String id, Path dataDir,
		@DefaultValue("http://localhost:8080") URI trackerUrl, URI advertisedUrl,
		@DefaultValue("5s") Duration renewInterval, @DefaultValue("10000") int historySize,
		@DefaultValue("4096") int maxTextLength, @DefaultValue("false") boolean console, @DefaultValue Outbox outbox,
		@DefaultValue Link link, @DefaultValue Backoff backoff, @DefaultValue Stream stream, @DefaultValue Http http,
		@DefaultValue Store store, @Nullable String joinToken, @DefaultValue("64MB") DataSize historyMaxBytes,
		@DefaultValue("256") int maxLinks, @DefaultValue Limits limits) {

	public PeerProperties {
		Username.require(username, "p2pchat.peer.username");
		if (id != null) {
			throw new IllegalArgumentException("p2pchat.peer.id is retired: the peerId is now derived from the"
					+ " peer's identity key, kept in p2pchat.peer.data-dir; remove the setting (the same data"
					+ " directory is the same peer)");
		}
		Objects.requireNonNull(dataDir, "p2pchat.peer.data-dir");
		Objects.requireNonNull(trackerUrl, "p2pchat.peer.tracker-url");
		Objects.requireNonNull(advertisedUrl, "p2pchat.peer.advertised-url");
		requirePositive(renewInterval, "p2pchat.peer.renew-interval");
		requirePositive(historySize, "p2pchat.peer.history-size");
		if (historyMaxBytes == null || historyMaxBytes.toBytes() <= 0) {
			throw new IllegalArgumentException("p2pchat.peer.history-max-bytes must be positive");
		}
		requirePositive(maxLinks, "p2pchat.peer.max-links");
		if (maxTextLength < 1 || maxTextLength > 65_536) {
			throw new IllegalArgumentException("p2pchat.peer.max-text-length must be between 1 and 65536");
		}
	}

	static void requirePositive(long value, String name) {
		if (value <= 0) {
			throw new IllegalArgumentException(name + " must be positive");
		}
	}

	static void requirePositive(@Nullable Duration value, String name) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException(name + " must be positive");
		}
	}

	static void requireNotNegative(@Nullable Duration value, String name) {
		if (value == null || value.isNegative()) {
			throw new IllegalArgumentException(name + " must not be negative");
		}
	}

	/**
	 * Bounds of the queue of messages waiting for one recipient: past either, a message
	 * is marked {@code failed}.
	 *
	 * @param maxAge how long a message may wait for its acknowledgement
	 * @param maxMessages how many unacknowledged messages one recipient may have
	 */
	public record Outbox(@DefaultValue("60s") Duration maxAge, @DefaultValue("100000") int maxMessages) {

		public Outbox {
			requirePositive(maxAge, "p2pchat.peer.outbox.max-age");
			requirePositive(maxMessages, "p2pchat.peer.outbox.max-messages");
		}

	}

	/**
	 * Link tuning.
	 *
	 * @param pingInterval a link's sender that has written nothing for this long writes a
	 * {@code ping} frame of the link protocol (docs/protocol.md; not a WebSocket ping
	 * control frame, which the links do not use)
	 * @param deadAfterPings a link that received nothing for this many ping intervals is
	 * closed and redialled
	 * @param handshakeTimeout how long a new link may take to complete its handshake
	 * @param maxFrameSize the frame limit: a sealed frame of up to twice this plus its
	 * 16-byte tag is accepted on a link; larger closes the link (1009)
	 * @param batchSize a sender stops adding messages to a batch frame past this many
	 * bytes of message records
	 * @param linger how long a sender that is busy (it sent a frame within the last two
	 * lingers) waits for a fuller frame; a message on a quiet link goes out at once; 0
	 * turns it off
	 * @param ackInterval least time between two acknowledgements on a link; the first
	 * after a quiet spell goes out at once; 0 acknowledges every frame
	 * @param maxHandshakes most accepted connections that have not authenticated yet;
	 * more upgrades are refused with 503
	 * @param maxHandshakesPerAddress most of those from one source address
	 */
	public record Link(@DefaultValue("2s") Duration pingInterval, @DefaultValue("3") int deadAfterPings,
			@DefaultValue("5s") Duration handshakeTimeout, @DefaultValue("128KB") DataSize maxFrameSize,
			@DefaultValue("64KB") DataSize batchSize, @DefaultValue("200us") Duration linger,
			@DefaultValue("5ms") Duration ackInterval, @DefaultValue("64") int maxHandshakes,
			@DefaultValue("16") int maxHandshakesPerAddress) {

		public Link {
			requirePositive(pingInterval, "p2pchat.peer.link.ping-interval");
			requirePositive(deadAfterPings, "p2pchat.peer.link.dead-after-pings");
			requirePositive(handshakeTimeout, "p2pchat.peer.link.handshake-timeout");
			requireNotNegative(linger, "p2pchat.peer.link.linger");
			requireNotNegative(ackInterval, "p2pchat.peer.link.ack-interval");
			requirePositive(maxHandshakes, "p2pchat.peer.link.max-handshakes");
			requirePositive(maxHandshakesPerAddress, "p2pchat.peer.link.max-handshakes-per-address");
			if (batchSize.toBytes() <= 0 || batchSize.toBytes() >= maxFrameSize.toBytes()) {
				throw new IllegalArgumentException(
						"p2pchat.peer.link.batch-size must be positive and smaller than link.max-frame-size");
			}
		}

		/** How long a link may stay silent before it is declared dead. */
		public Duration deadAfter() {
			return this.pingInterval.multipliedBy(this.deadAfterPings);
		}

	}

	/**
	 * Capped exponential backoff with jitter.
	 *
	 * @param min delay of the first retry
	 * @param max longest delay between two retries
	 */
	public record Backoff(@DefaultValue("200ms") Duration min, @DefaultValue("5s") Duration max) {

		public Backoff {
			if (min == null || max == null || min.isNegative() || min.isZero() || max.compareTo(min) < 0) {
				throw new IllegalArgumentException("backoff needs 0 < min <= max");
			}
		}

	}

	/**
	 * Live event stream ({@code GET /messages/stream}) tuning.
	 *
	 * @param queueSize most events buffered per subscriber (the buffer grows on demand up
	 * to it); a subscriber that falls further behind is dropped
	 * @param keepAlive period of the keep-alive comment
	 * @param maxSubscribers most concurrent subscribers; one more is refused with 503
	 */
	public record Stream(@DefaultValue("65536") int queueSize, @DefaultValue("15s") Duration keepAlive,
			@DefaultValue("64") int maxSubscribers) {

		public Stream {
			requirePositive(queueSize, "p2pchat.peer.stream.queue-size");
			requirePositive(keepAlive, "p2pchat.peer.stream.keep-alive");
			requirePositive(maxSubscribers, "p2pchat.peer.stream.max-subscribers");
		}

	}

	/**
	 * Bounds of the HTTP API.
	 *
	 * @param maxBodySize largest request body; a larger one is refused with 413 before it
	 * is read
	 * @param maxConnectionsPerAddress most connections one client address (IPv6: its /64)
	 * holds at once, links included; more are closed as they are accepted
	 * @param maxUpgradesPerSecondPerAddress most {@code /ws/peer} upgrades one client
	 * address may start per second; more get 429 before the upgrade
	 * @param maxRenamesPerMinute most renames ({@code PUT /me}) per minute; more get 429
	 */
	public record Http(@DefaultValue("64KB") DataSize maxBodySize, @DefaultValue("256") int maxConnectionsPerAddress,
			@DefaultValue("20") int maxUpgradesPerSecondPerAddress, @DefaultValue("10") int maxRenamesPerMinute) {

		public Http {
			if (maxBodySize == null || maxBodySize.toBytes() <= 0) {
				throw new IllegalArgumentException("p2pchat.peer.http.max-body-size must be positive");
			}
			requirePositive(maxConnectionsPerAddress, "p2pchat.peer.http.max-connections-per-address");
			requirePositive(maxUpgradesPerSecondPerAddress, "p2pchat.peer.http.max-upgrades-per-second-per-address");
			requirePositive(maxRenamesPerMinute, "p2pchat.peer.http.max-renames-per-minute");
		}

	}

	/**
	 * How the history on disk ({@code <data-dir>/history}) reaches the disk. Whatever the
	 * policy, a message is written to the operating system before its {@code 202} (and a
	 * received one before it is acknowledged): it survives a crash of the process
	 * ({@code kill -9}).
	 *
	 * @param sync {@code always}: synced before the {@code 202} (survives a power cut,
	 * costs a disk sync per group of messages); {@code batch}: synced in the background
	 * every {@code sync-interval} (a power cut loses at most that long); {@code none}:
	 * left to the operating system
	 * @param syncInterval how often the background thread writes and syncs
	 */
	public record Store(@DefaultValue("batch") SyncPolicy sync, @DefaultValue("200ms") Duration syncInterval) {

		public Store {
			Objects.requireNonNull(sync, "p2pchat.peer.store.sync");
			requirePositive(syncInterval, "p2pchat.peer.store.sync-interval");
		}

	}

	/**
	 * What one registered peer may make this one hold or do (docs/peer.md, Limits).
	 *
	 * @param linksPerAddress most authenticated links accepted from one source address
	 * (an IPv6 client counts by its /64); links this peer dialled are not counted
	 * @param linkBytesPerSecond inbound budget of one link in bytes (of sealed frames)
	 * per second, with a burst of one second's worth; a link over it is read more slowly
	 * @param linkMessagesPerSecond inbound budget of one link in messages per second, as
	 * above
	 * @param catchUpInterval a peer that asks again for the catch-up it was given (the
	 * same {@code since}) within this long gets nothing the second time
	 * @param maxClockSkew how far in the future of this peer's clock a received message's
	 * {@code sentAt} may be
	 * @param maxMessageAge how far in the past a received message's {@code sentAt} may
	 * be; older broadcasts are not offered in a catch-up either
	 */
	public record Limits(@DefaultValue("32") int linksPerAddress, @DefaultValue("16MB") DataSize linkBytesPerSecond,
			@DefaultValue("50000") int linkMessagesPerSecond, @DefaultValue("60s") Duration catchUpInterval,
			@DefaultValue("5m") Duration maxClockSkew, @DefaultValue("366d") Duration maxMessageAge) {

		public Limits {
			requirePositive(linksPerAddress, "p2pchat.peer.limits.links-per-address");
			if (linkBytesPerSecond == null || linkBytesPerSecond.toBytes() <= 0) {
				throw new IllegalArgumentException("p2pchat.peer.limits.link-bytes-per-second must be positive");
			}
			requirePositive(linkMessagesPerSecond, "p2pchat.peer.limits.link-messages-per-second");
			requireNotNegative(catchUpInterval, "p2pchat.peer.limits.catch-up-interval");
			requirePositive(maxClockSkew, "p2pchat.peer.limits.max-clock-skew");
			requirePositive(maxMessageAge, "p2pchat.peer.limits.max-message-age");
		}

	}

}
