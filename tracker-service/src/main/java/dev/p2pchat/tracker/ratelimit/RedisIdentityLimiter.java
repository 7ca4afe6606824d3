package dev.p2pchat.tracker.ratelimit;

import java.time.Duration;

import dev.p2pchat.tracker.registry.RedisConnection;
import io.lettuce.core.RedisClient;

/**
 * The Sybil limit of {@code p2pchat.tracker.store=redis}, shared by every replica: a set
 * of peerIds per client address ({@code <prefix>identities:a:<address>}) and per network
 * ({@code <prefix>identities:n:<network>}), each expiring one {@code period} after its
 * first member (the {@code identities.lua} script, atomic). So N replicas still let an
 * address or a network register that many new identities per period, not N times that.
 * Windows run on Redis's clock; nothing is held in the replica. Redis unreachable:
 * {@link dev.p2pchat.tracker.registry.StoreUnavailableException} (503), as for the
 * registration rate limit.
 */
public final class RedisIdentityLimiter implements IdentityLimiter, AutoCloseable {

	private static final LuaScript SCRIPT = LuaScript.load("identities.lua");

	private final RedisConnection connection;

	private final String keyPrefix;

	private final NetworkPrefixes prefixes;

	private final String[] limits;

	/**
	 * Creates the limiter; it connects on first use.
	 * @param client the Redis client
	 * @param keyPrefix the prefix of the tracker's keys
	 * @param perAddress new identities per client address per period
	 * @param perPrefix new identities per network per period
	 * @param period the window (whole milliseconds)
	 * @param prefixes how addresses group into networks
	 */
	public RedisIdentityLimiter(RedisClient client, String keyPrefix, int perAddress, int perPrefix, Duration period,
			NetworkPrefixes prefixes) {
		if (perAddress < 1 || perPrefix < 1 || period.toMillis() < 1) {
			throw new IllegalArgumentException("limits and period must be positive");
		}
		this.connection = new RedisConnection(client);
		this.keyPrefix = keyPrefix + "identities:";
		this.prefixes = prefixes;
		this.limits = new String[] { "", Integer.toString(perAddress), Integer.toString(perPrefix),
				Long.toString(period.toMillis()) };
	}

	@Override
	public void admit(String remoteAddress, String peerId) {
		String[] keys = { this.keyPrefix + "a:" + ClientAddresses.key(remoteAddress),
				this.keyPrefix + "n:" + this.prefixes.key(remoteAddress) };
		String[] args = this.limits.clone();
		args[0] = peerId;
		long wait = this.connection.call((redis) -> SCRIPT.runForInteger(redis, keys, args));
		if (wait > 0) {
			throw TooManyIdentitiesException.fromAddress(Duration.ofMillis(wait));
		}
		if (wait < 0) {
			throw TooManyIdentitiesException.fromNetwork(Duration.ofMillis(-wait));
		}
	}

	@Override
	public void close() {
		this.connection.close();
	}

}
