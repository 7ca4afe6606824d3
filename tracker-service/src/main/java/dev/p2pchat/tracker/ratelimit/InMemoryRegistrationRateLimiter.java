package dev.p2pchat.tracker.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;

/**
 * The rate limit of one tracker ({@code p2pchat.tracker.store=memory}): one Resilience4j
 * {@link RateLimiter} per client address, {@code registrations} per {@code period}.
 *
 * <p>
 * At most {@code maxClients} addresses are tracked: when the table is full, limiters idle
 * for a whole period (whose permits are back in full, so forgetting them changes nothing)
 * are dropped; when none is idle, a new address is refused rather than an active limiter
 * forgotten.
 *
 * <p>
 * Thread-safe. Idleness is measured on the tracker's {@link Clock}; the limiters
 * themselves run on Resilience4j's monotonic time.
 */
public final class InMemoryRegistrationRateLimiter implements RegistrationRateLimiter {

	private final RateLimiterConfig config;

	private final Duration period;

	private final int maxClients;

	private final Clock clock;

	private final String what;

	private final Map<String, Tracked> limiters = new ConcurrentHashMap<>();

	private final ReentrantLock admission = new ReentrantLock();

	/**
	 * Creates the limiter.
	 * @param registrations how many registrations one address may make per period
	 * @param period the period
	 * @param maxClients how many addresses are tracked at once
	 * @param clock the tracker's clock, for idleness
	 */
	public InMemoryRegistrationRateLimiter(int registrations, Duration period, int maxClients, Clock clock) {
		this(registrations, period, maxClients, clock, "registrations");
	}

	/**
	 * Creates a limiter of other calls than registrations.
	 * @param calls how many calls one address may make per period
	 * @param period the period
	 * @param maxClients how many addresses are tracked at once
	 * @param clock the tracker's clock, for idleness
	 * @param what the calls, for the refusal's message ("renames")
	 */
	public InMemoryRegistrationRateLimiter(int calls, Duration period, int maxClients, Clock clock, String what) {
		this.what = what;
		this.config = RateLimiterConfig.custom()
			.limitForPeriod(calls)
			.limitRefreshPeriod(period)
			.timeoutDuration(Duration.ZERO)
			.build();
		this.period = period;
		this.maxClients = maxClients;
		this.clock = clock;
	}

	@Override
	public void acquire(String remoteAddress) {
		Instant now = this.clock.instant();
		String key = ClientAddresses.key(remoteAddress);
		Tracked tracked = this.limiters.get(key);
		if (tracked == null) {
			tracked = admit(key, now);
		}
		tracked.lastUsed = now;
		if (!tracked.limiter.acquirePermission()) {
			long nanos = tracked.limiter.getDetailedMetrics().getNanosToWait();
			throw new RateLimitedException(Duration.ofNanos(Math.max(nanos, 0)),
					"too many " + this.what + " from this address; try again later");
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
				throw new RateLimitedException(this.period,
						"the tracker is taking " + this.what + " from too many addresses; try again later");
			}
			Tracked tracked = new Tracked(new AtomicRateLimiter(key, this.config), now);
			this.limiters.put(key, tracked);
			return tracked;
		}
		finally {
			this.admission.unlock();
		}
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
