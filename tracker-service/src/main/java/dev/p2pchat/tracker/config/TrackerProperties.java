package dev.p2pchat.tracker.config;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

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
 * @param joinToken when set, a closed group: {@code POST /peers} needs it as a bearer
 * token, and reading the directory needs it or a live lease token
 * @param maxPeers the most live peers listed; a new peer beyond it gets a 503
 * @param maxSubscribers the most open {@code GET /peers/events} streams; one more gets a
 * 503
 * @param replayCacheSize the most registration signatures remembered at once (each for
 * 120 s); when full, registrations get a 503 until the oldest expires
 * @param rateLimit how many registrations one client address may make
 */
@ConfigurationProperties("p2pchat.tracker")
public record TrackerProperties(@DefaultValue("15s") Duration lease, @DefaultValue("30s") Duration logInterval,
		@DefaultValue("1s") Duration sweepInterval, @DefaultValue("10s") Duration keepaliveInterval,
		@DefaultValue("0s") Duration sseTimeout, @DefaultValue("1024") int sseQueueCapacity,
		@DefaultValue("16KB") DataSize maxBodySize, @Nullable String joinToken, @DefaultValue("10000") int maxPeers,
		@DefaultValue("1000") int maxSubscribers, @DefaultValue("100000") int replayCacheSize,
		@DefaultValue RateLimit rateLimit, @DefaultValue Http http) {

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
		if (joinToken != null && joinToken.isBlank()) {
			// an empty variable in a compose file means "open", not "a token of nothing"
			joinToken = null;
		}
		requireAtLeastOne("max-peers", maxPeers);
		requireAtLeastOne("max-subscribers", maxSubscribers);
		requireAtLeastOne("replay-cache-size", replayCacheSize);
	}

	@Override
	public String toString() {
		return "TrackerProperties[lease=" + this.lease + ", joinToken=" + ((this.joinToken != null) ? "(set)" : "-")
				+ ", maxPeers=" + this.maxPeers + ", maxSubscribers=" + this.maxSubscribers + ", rateLimit="
				+ this.rateLimit + "]";
	}

	/**
	 * Registrations per client address ({@code p2pchat.tracker.rate-limit.*}): at most
	 * {@code registrations} in each {@code period}, so a burst of that many at once, then
	 * that many per period.
	 *
	 * @param registrations how many registrations a client address may make per period
	 * @param period the period
	 * @param maxClients how many client addresses are tracked at once; limiters idle for
	 * a period (as good as new) are forgotten first, and when all are busy a new address
	 * is refused with 429 until one is idle
	 * @param renames how many renames ({@code PATCH /peers/{id}}) a client address may
	 * make per {@code rename-period} (counted by each replica)
	 * @param renamePeriod the period of {@code renames}
	 */
	public record RateLimit(@DefaultValue("10") int registrations, @DefaultValue("2s") Duration period,
			@DefaultValue("10000") int maxClients, @DefaultValue("30") int renames,
			@DefaultValue("1m") Duration renamePeriod) {

		public RateLimit {
			requireAtLeastOne("rate-limit.registrations", registrations);
			requirePositive("rate-limit.period", period);
			requireAtLeastOne("rate-limit.max-clients", maxClients);
			requireAtLeastOne("rate-limit.renames", renames);
			requirePositive("rate-limit.rename-period", renamePeriod);
		}

	}

	/**
	 * The connector's bounds ({@code p2pchat.tracker.http.*}).
	 *
	 * @param maxConnectionsPerAddress most connections one client address (IPv6: its /64)
	 * holds at once; more are closed as they are accepted
	 */
	public record Http(@DefaultValue("256") int maxConnectionsPerAddress) {

		public Http {
			requireAtLeastOne("http.max-connections-per-address", maxConnectionsPerAddress);
		}

	}

	private static void requireAtLeastOne(String name, int value) {
		if (value < 1) {
			throw new IllegalArgumentException("p2pchat.tracker." + name + " must be at least 1: " + value);
		}
	}

	private static void requirePositive(String name, Duration value) {
		if (value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException("p2pchat.tracker." + name + " must be positive: " + value);
		}
	}

}
