package dev.p2pchat.tracker.web;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import dev.p2pchat.tracker.config.TrackerProperties;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Limits registrations per client address with one Resilience4j {@link RateLimiter} per
 * address: {@code registrations} per {@code period}, refused at once (no waiting) with a
 * {@link WebExceptions.TooManyRequestsException} that says when to retry.
 *
 * <p>
 * The client address is the TCP peer of the connection. An IPv6 client is counted by its
 * /64, since one host usually holds a whole /64. At most {@code max-clients} addresses
 * are tracked: when the table is full, limiters idle for a whole period (whose permits
 * are back in full, so forgetting them changes nothing) are dropped; when none is idle, a
 * new address is refused rather than an active limiter forgotten.
 *
 * <p>
 * Thread-safe. Idleness is measured on the tracker's {@link Clock}; the limiters
 * themselves run on Resilience4j's monotonic time.
 */
@Component
class RegistrationRateLimiter {

	private final RateLimiterConfig config;

	private final Duration period;

	private final int maxClients;

	private final Clock clock;

	private final Map<String, Tracked> limiters = new ConcurrentHashMap<>();

	private final ReentrantLock admission = new ReentrantLock();

	@Autowired
	RegistrationRateLimiter(TrackerProperties properties, Clock clock) {
		this(properties.rateLimit(), clock);
	}

	RegistrationRateLimiter(TrackerProperties.RateLimit limit, Clock clock) {
		this.config = RateLimiterConfig.custom()
			.limitForPeriod(limit.registrations())
			.limitRefreshPeriod(limit.period())
			.timeoutDuration(Duration.ZERO)
			.build();
		this.period = limit.period();
		this.maxClients = limit.maxClients();
		this.clock = clock;
	}

	/**
	 * Takes one registration from a client's allowance.
	 * @param remoteAddress the IP address of the client, as the servlet container gives
	 * it
	 * @throws WebExceptions.TooManyRequestsException when the allowance is used up
	 */
	void acquire(String remoteAddress) {
		Instant now = this.clock.instant();
		String key = key(remoteAddress);
		Tracked tracked = this.limiters.get(key);
		if (tracked == null) {
			tracked = admit(key, now);
		}
		tracked.lastUsed = now;
		if (!tracked.limiter.acquirePermission()) {
			long nanos = tracked.limiter.getDetailedMetrics().getNanosToWait();
			throw new WebExceptions.TooManyRequestsException(Duration.ofNanos(Math.max(nanos, 0)),
					"too many registrations from this address; try again later");
		}
	}

	/**
	 * How many client addresses are tracked.
	 * @return the count
	 */
	int trackedClients() {
		return this.limiters.size();
	}

	private Tracked admit(String key, Instant now) {
		this.admission.lock();
		try {
			Tracked existing = this.limiters.get(key);
			if (existing != null) {
				return existing;
			}
			if (this.limiters.size() >= this.maxClients) {
				this.limiters.values().removeIf((tracked) -> !now.isBefore(tracked.lastUsed.plus(this.period)));
			}
			if (this.limiters.size() >= this.maxClients) {
				throw new WebExceptions.TooManyRequestsException(this.period,
						"the tracker is taking registrations from too many addresses; try again later");
			}
			Tracked tracked = new Tracked(new AtomicRateLimiter(key, this.config), now);
			this.limiters.put(key, tracked);
			return tracked;
		}
		finally {
			this.admission.unlock();
		}
	}

	/**
	 * The address, or its /64 for IPv6; never resolves a name (the container gives IPs).
	 */
	static String key(String remoteAddress) {
		try {
			InetAddress address = InetAddress.ofLiteral(remoteAddress);
			if (address instanceof Inet6Address) {
				return HexFormat.of().formatHex(address.getAddress(), 0, 8) + "::/64";
			}
			return address.getHostAddress();
		}
		catch (IllegalArgumentException ex) {
			// not an IP literal (a Unix socket, say): one bucket for all such clients
			return remoteAddress;
		}
	}

	/** Whole seconds, rounded up, at least one: the value of a {@code Retry-After}. */
	static long retryAfterSeconds(Duration wait) {
		return Math.max(1, TimeUnit.NANOSECONDS.toSeconds(wait.toNanos() + 999_999_999L));
	}

	private static final class Tracked {

		private final AtomicRateLimiter limiter;

		private volatile Instant lastUsed;

		Tracked(AtomicRateLimiter limiter, Instant lastUsed) {
			this.limiter = limiter;
			this.lastUsed = lastUsed;
		}

	}

}
