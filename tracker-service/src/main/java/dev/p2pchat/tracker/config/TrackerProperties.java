package dev.p2pchat.tracker.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The tracker's settings ({@code p2pchat.tracker.*}). {@code lease} and
 * {@code log-interval} are fixed by the product contract; the others are internal knobs.
 *
 * @param lease how long a peer stays listed without renewing
 * @param logInterval how often the live peer list is logged
 * @param sweepInterval how often expired leases are looked for (an expired peer already
 * counts as absent for renew, rename, delete and lookups; the sweep removes it from the
 * list and emits its {@code left} event)
 * @param keepaliveInterval how often every event stream gets a {@code :keepalive} comment
 * @param sseTimeout how long an event stream may stay open; zero means no limit (dead
 * clients are noticed when a keepalive cannot be written)
 * @param sseQueueCapacity how many events may wait for one slow event-stream client
 * before it is dropped (it reconnects and gets a fresh snapshot)
 * @param maxBodySize the largest accepted request body; larger bodies get a 413
 */
@ConfigurationProperties("p2pchat.tracker")
public record TrackerProperties(@DefaultValue("15s") Duration lease, @DefaultValue("30s") Duration logInterval,
		@DefaultValue("1s") Duration sweepInterval, @DefaultValue("10s") Duration keepaliveInterval,
		@DefaultValue("0s") Duration sseTimeout, @DefaultValue("1024") int sseQueueCapacity,
		@DefaultValue("16KB") DataSize maxBodySize) {

	public TrackerProperties {
		requirePositive("lease", lease);
		requirePositive("log-interval", logInterval);
		requirePositive("sweep-interval", sweepInterval);
		requirePositive("keepalive-interval", keepaliveInterval);
		if (sseTimeout.isNegative()) {
			throw new IllegalArgumentException("p2pchat.tracker.sse-timeout must not be negative");
		}
		if (sseQueueCapacity < 1) {
			throw new IllegalArgumentException("p2pchat.tracker.sse-queue-capacity must be at least 1");
		}
		if (maxBodySize.toBytes() < 1) {
			throw new IllegalArgumentException("p2pchat.tracker.max-body-size must be positive");
		}
	}

	private static void requirePositive(String name, Duration value) {
		if (value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException("p2pchat.tracker." + name + " must be positive: " + value);
		}
	}

}
