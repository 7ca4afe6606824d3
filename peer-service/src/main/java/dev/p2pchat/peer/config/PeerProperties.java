package dev.p2pchat.peer.config;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of one peer, bound from {@code p2pchat.peer.*}. The first eight names and
 * defaults are fixed by SPEC; the nested groups are tuning knobs documented in
 * {@code docs/peer.md}.
 *
 * @param username this peer's initial username (1-32 of letters, digits, {@code _-.})
 * @param id this peer's peerId; by default derived from the username and the advertised
 * URL so that a restarted peer keeps it
 * @param trackerUrl base URL of the tracker
 * @param advertisedUrl base URL other peers use to link to this one (defaults to
 * {@code http://localhost:${server.port}})
 * @param renewInterval lease renewal period
 * @param historySize messages kept in memory
 * @param maxTextLength longest accepted message text, in characters
 * @param console whether the terminal client reads commands from standard input
 * @param outbox bounds of each per-peer outbox
 * @param link link tuning: pings, handshake timeout, frame sizes
 * @param backoff bounds of the retry backoff towards the tracker and other peers
 * @param stream live event stream tuning
 */
@ConfigurationProperties("p2pchat.peer")
@Validated
public record PeerProperties(@NotBlank @Pattern(regexp = "[A-Za-z0-9_.-]{1,32}") String username,
		@Nullable @Pattern(regexp = "[A-Za-z0-9_-]{1,64}") String id,
		@DefaultValue("http://localhost:8080") @NotNull URI trackerUrl, @NotNull URI advertisedUrl,
		@DefaultValue("5s") @NotNull Duration renewInterval, @DefaultValue("1000") @Positive int historySize,
		@DefaultValue("4096") @Positive @Max(65_536) int maxTextLength, @DefaultValue("false") boolean console,
		@DefaultValue @Valid Outbox outbox, @DefaultValue @Valid Link link, @DefaultValue @Valid Backoff backoff,
		@DefaultValue @Valid Stream stream) {

	/**
	 * Bounds of the queue of messages waiting for one recipient: past either, a message
	 * is marked {@code failed}.
	 *
	 * @param maxAge how long a message may wait for its acknowledgement
	 * @param maxMessages how many unacknowledged messages one recipient may have
	 */
	public record Outbox(@DefaultValue("60s") @NotNull Duration maxAge,
			@DefaultValue("100000") @Positive int maxMessages) {
	}

	/**
	 * Link tuning.
	 *
	 * @param pingInterval how often a WebSocket ping is sent on each link
	 * @param deadAfterPings a link that received nothing for this many ping intervals is
	 * closed and redialled
	 * @param handshakeTimeout how long a new link may take to complete its handshake
	 * @param maxFrameSize largest text frame accepted on a link; larger closes the link
	 * @param batchSize a sender stops adding messages to a frame past this size
	 */
	public record Link(@DefaultValue("2s") @NotNull Duration pingInterval,
			@DefaultValue("3") @Positive int deadAfterPings, @DefaultValue("5s") @NotNull Duration handshakeTimeout,
			@DefaultValue("256KB") @NotNull DataSize maxFrameSize, @DefaultValue("64KB") @NotNull DataSize batchSize) {

		public Link {
			if (batchSize.toBytes() >= maxFrameSize.toBytes()) {
				throw new IllegalArgumentException("link.batch-size must be smaller than link.max-frame-size");
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
	public record Backoff(@DefaultValue("200ms") @NotNull Duration min, @DefaultValue("5s") @NotNull Duration max) {

		public Backoff {
			if (min.isNegative() || min.isZero() || max.compareTo(min) < 0) {
				throw new IllegalArgumentException("backoff needs 0 < min <= max");
			}
		}

	}

	/**
	 * Live event stream ({@code GET /messages/stream}) tuning.
	 *
	 * @param queueSize events buffered per subscriber; a subscriber that falls further
	 * behind is dropped
	 * @param keepAlive period of the keep-alive comment
	 */
	public record Stream(@DefaultValue("65536") @Positive int queueSize,
			@DefaultValue("15s") @NotNull Duration keepAlive) {
	}

}
