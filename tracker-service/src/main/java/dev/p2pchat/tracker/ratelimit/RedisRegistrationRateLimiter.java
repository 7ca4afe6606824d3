package dev.p2pchat.tracker.ratelimit;

import java.time.Duration;

import dev.p2pchat.tracker.registry.RedisConnection;
import io.lettuce.core.RedisClient;

/**
 * The rate limit of {@code p2pchat.tracker.store=redis}, shared by every replica: one
 * counter per client address, {@code <prefix>ratelimit:<address>}, in a fixed window of
 * one {@code period} that starts with the address's first registration in it (the
 * {@code acquire.lua} script: {@code INCR}, {@code PEXPIRE} on the first, the window's
 * {@code PTTL} for {@code Retry-After}). So N replicas behind one address still let an
 * address make {@code registrations} per period, not N times that.
 *
 * <p>
 * The windows run on Redis's clock, not the replicas'. Nothing is tracked in the replica;
 * Redis holds one small key per address that registered within the last period.
 *
 * <p>
 * Redis unreachable: {@link #acquire} throws
 * {@link dev.p2pchat.tracker.registry.StoreUnavailableException} (503), deliberately not
 * a local fallback: the registration needs Redis right after (replay cache, registry), so
 * a fallback would only turn one 503 into another.
 */
public final class RedisRegistrationRateLimiter implements RegistrationRateLimiter, AutoCloseable {

	private static final LuaScript SCRIPT = LuaScript.load("acquire.lua");

	private final RedisConnection connection;

	private final String keyPrefix;

	private final String registrations;

	private final String periodMillis;

	/**
	 * Creates the limiter; it connects on first use.
	 * @param client the Redis client
	 * @param keyPrefix the prefix of the tracker's keys
	 * @param registrations how many registrations one address may make per period
	 * @param period the period (whole milliseconds)
	 */
	public RedisRegistrationRateLimiter(RedisClient client, String keyPrefix, int registrations, Duration period) {
		if (registrations < 1 || period.toMillis() < 1) {
			throw new IllegalArgumentException("registrations and period must be positive");
		}
		this.connection = new RedisConnection(client);
		this.keyPrefix = keyPrefix + "ratelimit:";
		this.registrations = Integer.toString(registrations);
		this.periodMillis = Long.toString(period.toMillis());
	}

	@Override
	public void acquire(String remoteAddress) {
		String[] keys = { this.keyPrefix + ClientAddresses.key(remoteAddress) };
		long waitMillis = this.connection
			.call((redis) -> SCRIPT.runForInteger(redis, keys, this.registrations, this.periodMillis));
		if (waitMillis > 0) {
			throw new RateLimitedException(Duration.ofMillis(waitMillis),
					"too many registrations from this address; try again later");
		}
	}

	@Override
	public void close() {
		this.connection.close();
	}

}
