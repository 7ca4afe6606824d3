package dev.p2pchat.tracker.config;

import java.time.Clock;
import java.time.Duration;

import dev.p2pchat.tracker.identity.RedisReplayCache;
import dev.p2pchat.tracker.ratelimit.NetworkPrefixes;
import dev.p2pchat.tracker.ratelimit.RedisIdentityLimiter;
import dev.p2pchat.tracker.ratelimit.RedisRegistrationRateLimiter;
import dev.p2pchat.tracker.registry.RedisPeerRegistry;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;

import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

/**
 * The Redis store ({@code p2pchat.tracker.store=redis}): a Lettuce client for Spring's
 * {@code spring.data.redis.*} settings (url, or host and port; timeout) and the
 * {@link RedisPeerRegistry}, replay cache and registration rate limit on it.
 *
 * <p>
 * Spring Boot's own Redis auto-configuration is excluded in
 * {@code application.properties} so that the memory store never touches Redis; this class
 * builds the one client the tracker needs. Commands fail fast while Redis is unreachable
 * (no queueing) and time out after {@code spring.data.redis.timeout} (default
 * {@link #DEFAULT_TIMEOUT}), which the web layer turns into a 503.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = StoreProperties.STORE, havingValue = "redis")
@EnableConfigurationProperties(DataRedisProperties.class)
class RedisStoreConfiguration {

	static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);

	@Bean(destroyMethod = "shutdown")
	RedisClient redisClient(DataRedisProperties redis) {
		Duration timeout = (redis.getTimeout() != null) ? redis.getTimeout() : DEFAULT_TIMEOUT;
		Duration connectTimeout = (redis.getConnectTimeout() != null) ? redis.getConnectTimeout() : timeout;
		RedisClient client = RedisClient.create(uri(redis, timeout));
		client.setOptions(ClientOptions.builder()
			.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
			.timeoutOptions(TimeoutOptions.enabled(timeout))
			.socketOptions(SocketOptions.builder().connectTimeout(connectTimeout).build())
			.build());
		return client;
	}

	@Bean
	RedisPeerRegistry peerRegistry(Clock clock, TrackerProperties properties, StoreProperties store,
			IdentityProperties identities, RedisClient client) {
		return new RedisPeerRegistry(clock, properties.lease(), client, store.redisKeyPrefix(), properties.maxPeers(),
				identities.nameReservation());
	}

	/** The used registration signatures, shared by the replicas. */
	@Bean
	RedisReplayCache replayCache(RedisClient client, StoreProperties store) {
		return new RedisReplayCache(client, store.redisKeyPrefix());
	}

	/** Registrations per client address, counted by all replicas together. */
	@Bean
	RedisRegistrationRateLimiter registrationRateLimiter(RedisClient client, StoreProperties store,
			TrackerProperties properties) {
		return new RedisRegistrationRateLimiter(client, store.redisKeyPrefix(), properties.rateLimit().registrations(),
				properties.rateLimit().period());
	}

	/**
	 * New identities per client address and network, counted by all replicas together.
	 */
	@Bean
	RedisIdentityLimiter identityLimiter(RedisClient client, StoreProperties store, IdentityProperties identities) {
		IdentityProperties.Sybil sybil = identities.sybil();
		return new RedisIdentityLimiter(client, store.redisKeyPrefix(), sybil.perAddress(), sybil.perPrefix(),
				sybil.period(), new NetworkPrefixes(sybil.ipv4PrefixLength(), sybil.ipv6PrefixLength()));
	}

	@Bean
	RedisReadiness redisReadiness(RedisPeerRegistry registry, ApplicationAvailability availability,
			ApplicationEventPublisher events) {
		return new RedisReadiness(registry, availability, events);
	}

	private static RedisURI uri(DataRedisProperties redis, Duration timeout) {
		RedisURI uri = StringUtils.hasText(redis.getUrl()) ? RedisURI.create(redis.getUrl())
				: RedisURI.create(redis.getHost(), redis.getPort());
		if (!StringUtils.hasText(redis.getUrl())) {
			if (StringUtils.hasText(redis.getPassword())) {
				uri.setAuthentication(redis.getUsername(), redis.getPassword().toCharArray());
			}
			uri.setDatabase(redis.getDatabase());
		}
		uri.setTimeout(timeout);
		return uri;
	}

}
