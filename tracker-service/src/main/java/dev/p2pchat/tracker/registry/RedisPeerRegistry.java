package dev.p2pchat.tracker.registry;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.p2pchat.tracker.registry.RedisScripts.Script;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import lombok.extern.slf4j.Slf4j;
import org.jspecify.annotations.Nullable;

/**
 * A {@link PeerRegistry} in Redis, shared by any number of tracker replicas
 * ({@code p2pchat.tracker.store=redis}).
 *
 * <p>
 * Every mutation is one Lua script (see {@code redis/*.lua}), so Redis runs it
 * atomically: the username check and claim, the lease check and renewal, and the expiry
 * of a record together with its {@code left} event cannot interleave with another
 * replica's. Each script that changes the directory increments the one version counter
 * and publishes the change on a pub/sub channel; {@link RedisEvents} hands it to this
 * replica's listeners. The list is read at most once per version and replica: while the
 * subscription is up, the version is known locally and a cached list is served without a
 * round trip.
 *
 * <p>
 * Leases are compared with this replica's clock: replicas must keep their clocks in step
 * (NTP) and share {@code p2pchat.tracker.lease}. Any Lettuce failure becomes a
 * {@link StoreUnavailableException}.
 */
@Slf4j
public final class RedisPeerRegistry implements PeerRegistry, AutoCloseable {

	private static final int EXPIRE_BATCH = 1000;

	private final Clock clock;

	private final Duration lease;

	private final int maxPeers;

	private final String reservationMillis;

	private final String reservationPrefix;

	private final LeaseTokens tokens = new LeaseTokens(new SecureRandom());

	private final RedisScripts scripts = new RedisScripts();

	private final String[] keys;

	private final String peerPrefix;

	private final String channel;

	private final RedisEvents events;

	private final RedisConnection connection;

	private volatile @Nullable PeerList cachedList;

	/**
	 * Creates the registry and starts following its events; nothing fails when Redis is
	 * down, the calls do.
	 * @param clock the source of time for leases and timestamps
	 * @param lease how long a record lives without a renewal
	 * @param client the Redis client (its options set the command timeout)
	 * @param keyPrefix the prefix of every key and of the channel, e.g. {@code p2pchat:}
	 * @param maxPeers the most live peers of the directory (all replicas together)
	 */
	public RedisPeerRegistry(Clock clock, Duration lease, RedisClient client, String keyPrefix, int maxPeers) {
		this(clock, lease, client, keyPrefix, maxPeers, Duration.ZERO);
	}

	/**
	 * Creates the registry and starts following its events; nothing fails when Redis is
	 * down, the calls do.
	 * @param clock the source of time for leases and timestamps
	 * @param lease how long a record lives without a renewal
	 * @param client the Redis client (its options set the command timeout)
	 * @param keyPrefix the prefix of every key and of the channel, e.g. {@code p2pchat:}
	 * @param maxPeers the most live peers of the directory (all replicas together)
	 * @param nameReservation how long a departed peer's name stays reserved for its key
	 * (whole milliseconds); zero reserves nothing
	 */
	public RedisPeerRegistry(Clock clock, Duration lease, RedisClient client, String keyPrefix, int maxPeers,
			Duration nameReservation) {
		if (lease.isNegative() || lease.isZero()) {
			throw new IllegalArgumentException("lease must be positive: " + lease);
		}
		if (nameReservation.isNegative()) {
			throw new IllegalArgumentException("name reservation must not be negative: " + nameReservation);
		}
		this.reservationMillis = Long.toString(nameReservation.toMillis());
		this.reservationPrefix = keyPrefix + "reserved:";
		this.clock = clock;
		this.lease = lease;
		this.maxPeers = maxPeers;
		this.connection = new RedisConnection(client);
		this.keys = new String[] { keyPrefix + "names", keyPrefix + "leases", keyPrefix + "version",
				keyPrefix + "tokens" };
		this.peerPrefix = keyPrefix + "peer:";
		this.channel = keyPrefix + "events";
		this.events = new RedisEvents(client, this.channel, this::readVersion);
		this.events.onResync(() -> this.cachedList = null);
	}

	@Override
	public Registration register(String peerId, String username, String url, String publicKey, boolean reachable) {
		Instant now = now();
		String token = this.tokens.newToken();
		List<Object> reply = run(Script.REGISTER, now, peerId, username, PeerFields.nameKey(username), url, publicKey,
				hash(token), millis(now.plus(this.lease)), Integer.toString(this.maxPeers), reachable ? "1" : "0");
		switch (status(reply)) {
			case "name-taken" -> throw new NameTakenException(username);
			case "name-reserved" -> throw new NameReservedException(username);
			case "peer-id-taken" -> throw new PeerIdTakenException(peerId);
			case "full" -> throw new DirectoryFullException(this.maxPeers);
			default -> {
				// registered
			}
		}
		Peer peer = new Peer(peerId, username, url, publicKey, now, now, reachable);
		log.info("registered {} as {} at {}{}", peerId, username, url, "again".equals(reply.get(2)) ? " (again)" : "");
		return new Registration(peer, token, this.lease);
	}

	@Override
	public boolean holdsLiveLease(String leaseToken) {
		String tokenHash = hash(leaseToken);
		String peerId = this.connection.call((redis) -> redis.hget(this.keys[3], tokenHash));
		if (peerId == null) {
			return false;
		}
		List<io.lettuce.core.KeyValue<String, String>> fields = this.connection
			.call((redis) -> redis.hmget(this.peerPrefix + peerId, "tok", "exp"));
		return fields.get(0).hasValue() && fields.get(1).hasValue() && fields.get(0).getValue().equals(tokenHash)
				&& Long.parseLong(fields.get(1).getValue()) > now().toEpochMilli();
	}

	@Override
	public Optional<Peer> find(String peerId) {
		Map<String, String> fields = this.connection.call((redis) -> redis.hgetall(this.peerPrefix + peerId));
		if (fields.isEmpty() || Long.parseLong(fields.get("exp")) <= now().toEpochMilli()) {
			return Optional.empty();
		}
		return Optional.of(peer(peerId, fields.get("u"), fields.get("url"), fields.get("key"), fields.get("reg"),
				fields.get("ren"), fields.get("rch")));
	}

	@Override
	public PeerList list() {
		PeerList cached = this.cachedList;
		if (cached != null
				&& cached.version() == (this.events.current() ? this.events.knownVersion() : readVersion())) {
			return cached;
		}
		List<Object> reply = run(Script.LIST, now());
		List<Peer> peers = new ArrayList<>(reply.size() / 2);
		for (int i = 1; i + 1 < reply.size(); i += 2) {
			peers.add(peer((String) reply.get(i), record(reply.get(i + 1))));
		}
		peers.sort(PeerList.ORDER);
		PeerList list = new PeerList(Long.parseLong((String) reply.getFirst()), peers);
		this.cachedList = list;
		return list;
	}

	@Override
	public Peer renew(String peerId, String leaseToken) {
		Instant now = now();
		List<Object> reply = authorized(run(Script.RENEW, now, peerId, hash(leaseToken), millis(now.plus(this.lease))),
				peerId);
		return peer(peerId, record(reply.get(1)));
	}

	@Override
	public Peer rename(String peerId, String leaseToken, String username) {
		List<Object> reply = authorized(
				run(Script.RENAME, now(), peerId, hash(leaseToken), username, PeerFields.nameKey(username)), peerId);
		switch (status(reply)) {
			case "name-taken" -> throw new NameTakenException(username);
			case "name-reserved" -> throw new NameReservedException(username);
			default -> {
				// renamed
			}
		}
		Peer renamed = peer(peerId, record(reply.get(1)));
		log.info("renamed {} to {}", peerId, username);
		return renamed;
	}

	@Override
	public Peer remove(String peerId, String leaseToken) {
		List<Object> reply = authorized(run(Script.REMOVE, now(), peerId, hash(leaseToken)), peerId);
		Peer removed = peer(peerId, record(reply.get(1)));
		log.info("{} ({}) left: deleted", peerId, removed.username());
		return removed;
	}

	@Override
	public int expireDue() {
		Instant now = now();
		Long dropped = this.connection.call((redis) -> this.scripts.run(redis, Script.EXPIRE, ScriptOutputType.INTEGER,
				this.keys, args(now, Integer.toString(EXPIRE_BATCH))));
		if (dropped > 0) {
			this.cachedList = null;
		}
		return dropped.intValue();
	}

	@Override
	public void addListener(PeerEventListener listener) {
		this.events.addListener(listener);
	}

	@Override
	public void onResync(Runnable action) {
		this.events.onResync(action);
	}

	@Override
	public Duration lease() {
		return this.lease;
	}

	/**
	 * Whether Redis answers a {@code PING} within the command timeout.
	 * @return true when it does
	 */
	public boolean reachable() {
		try {
			return "PONG".equals(this.connection.call((redis) -> redis.ping()));
		}
		catch (StoreUnavailableException ex) {
			return false;
		}
	}

	/** Whether this replica's event subscription is up (for tests and health). */
	boolean following() {
		return this.events.current();
	}

	@Override
	public void close() {
		this.events.close();
		this.connection.close();
	}

	/**
	 * A peer from its stored fields; a record without {@code rch} predates it: reachable.
	 */
	static Peer peer(String peerId, String username, String url, @Nullable String publicKey, String registeredAt,
			String renewedAt, @Nullable String reachable) {
		return new Peer(peerId, username, url, (publicKey == null || publicKey.isEmpty()) ? null : publicKey,
				RedisEvents.millis(registeredAt), RedisEvents.millis(renewedAt), !"0".equals(reachable));
	}

	private static Peer peer(String peerId, List<?> record) {
		return peer(peerId, (String) record.get(0), (String) record.get(1), (String) record.get(2),
				(String) record.get(3), (String) record.get(4), (record.size() > 5) ? (String) record.get(5) : null);
	}

	private static List<?> record(Object value) {
		return (List<?>) value;
	}

	/**
	 * Runs a script; the cached list is dropped afterwards, so that this replica reads
	 * its own writes even before their pub/sub message arrives.
	 */
	private List<Object> run(Script script, Instant now, String... operationArgs) {
		try {
			return this.connection.call((redis) -> this.scripts.run(redis, script, ScriptOutputType.MULTI, this.keys,
					args(now, operationArgs)));
		}
		finally {
			if (script != Script.LIST) {
				this.cachedList = null;
			}
		}
	}

	private String[] args(Instant now, String... operationArgs) {
		String[] args = new String[6 + operationArgs.length];
		args[0] = this.peerPrefix;
		args[1] = this.channel;
		args[2] = millis(now);
		// a counter lost with Redis's data starts again above every version it handed out
		args[3] = Long.toString(now.toEpochMilli() * 1000);
		args[4] = this.reservationMillis;
		args[5] = this.reservationPrefix;
		System.arraycopy(operationArgs, 0, args, 6, operationArgs.length);
		return args;
	}

	private static String status(List<Object> reply) {
		return (String) reply.getFirst();
	}

	private static List<Object> authorized(List<Object> reply, String peerId) {
		return switch (status(reply)) {
			case "not-found" -> throw new PeerNotFoundException(peerId);
			case "forbidden" -> throw new InvalidTokenException(peerId);
			default -> reply;
		};
	}

	private long readVersion() {
		String version = this.connection.call((redis) -> redis.get(this.keys[2]));
		return (version != null) ? Long.parseLong(version) : 0;
	}

	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
	}

	private static String millis(Instant instant) {
		return Long.toString(instant.toEpochMilli());
	}

	private static String hash(String token) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(LeaseTokens.hash(token));
	}

}
