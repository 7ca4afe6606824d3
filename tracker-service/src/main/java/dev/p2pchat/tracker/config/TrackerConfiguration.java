package dev.p2pchat.tracker.config;

import java.time.Clock;

import dev.p2pchat.tracker.events.EventFanout;
import dev.p2pchat.tracker.identity.InMemoryReplayCache;
import dev.p2pchat.tracker.identity.ProofVerifier;
import dev.p2pchat.tracker.identity.ReplayCache;
import dev.p2pchat.tracker.ratelimit.IdentityLimiter;
import dev.p2pchat.tracker.ratelimit.InMemoryIdentityLimiter;
import dev.p2pchat.tracker.ratelimit.InMemoryRegistrationRateLimiter;
import dev.p2pchat.tracker.ratelimit.NetworkPrefixes;
import dev.p2pchat.tracker.ratelimit.RegistrationRateLimiter;
import dev.p2pchat.tracker.ratelimit.RenameRateLimiter;
import dev.p2pchat.tracker.registry.InMemoryPeerRegistry;
import dev.p2pchat.tracker.registry.LeaseSweeper;
import dev.p2pchat.tracker.registry.PeerRegistry;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The tracker's beans: the clock, the registry and its sweeper, the registration proof
 * verifier and its replay cache, the registration rate limit, the event fan-out, and a
 * strict JSON reader.
 */
@Configuration(proxyBeanMethods = false)
class TrackerConfiguration {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	/**
	 * The registry in memory ({@code p2pchat.tracker.store=memory}, the default);
	 * {@link RedisStoreConfiguration} provides the shared one.
	 */
	@Bean
	@ConditionalOnProperty(name = StoreProperties.STORE, havingValue = "memory", matchIfMissing = true)
	PeerRegistry peerRegistry(Clock clock, TrackerProperties properties, IdentityProperties identities) {
		return new InMemoryPeerRegistry(clock, properties.lease(), properties.maxPeers(), identities.nameReservation());
	}

	/**
	 * The used registration signatures; a shared store replaces this bean.
	 */
	@Bean
	@ConditionalOnProperty(name = StoreProperties.STORE, havingValue = "memory", matchIfMissing = true)
	ReplayCache replayCache(Clock clock, TrackerProperties properties) {
		return new InMemoryReplayCache(clock, properties.replayCacheSize());
	}

	/**
	 * Registrations per client address, counted by this tracker alone; a shared store
	 * replaces this bean.
	 */
	@Bean
	@ConditionalOnProperty(name = StoreProperties.STORE, havingValue = "memory", matchIfMissing = true)
	RegistrationRateLimiter registrationRateLimiter(Clock clock, TrackerProperties properties) {
		TrackerProperties.RateLimit limit = properties.rateLimit();
		return new InMemoryRegistrationRateLimiter(limit.registrations(), limit.period(), limit.maxClients(), clock);
	}

	/**
	 * New identities per client address and network, counted by this tracker alone; a
	 * shared store replaces this bean.
	 */
	@Bean
	@ConditionalOnProperty(name = StoreProperties.STORE, havingValue = "memory", matchIfMissing = true)
	IdentityLimiter identityLimiter(Clock clock, IdentityProperties identities) {
		IdentityProperties.Sybil sybil = identities.sybil();
		return new InMemoryIdentityLimiter(sybil.perAddress(), sybil.perPrefix(), sybil.period(),
				new NetworkPrefixes(sybil.ipv4PrefixLength(), sybil.ipv6PrefixLength()), sybil.maxTracked(), clock);
	}

	@Bean
	RenameRateLimiter renameRateLimiter(Clock clock, TrackerProperties properties) {
		TrackerProperties.RateLimit limit = properties.rateLimit();
		return new RenameRateLimiter(limit.renames(), limit.renamePeriod(), limit.maxClients(), clock);
	}

	@Bean
	ProofVerifier proofVerifier(Clock clock, ReplayCache replayCache) {
		return new ProofVerifier(clock, replayCache);
	}

	@Bean
	LeaseSweeper leaseSweeper(PeerRegistry registry) {
		return new LeaseSweeper(registry);
	}

	@Bean
	EventFanout eventFanout(PeerRegistry registry, JsonMapper json, TrackerProperties properties) {
		return new EventFanout(registry, json, properties.sseTimeout(), properties.sseQueueCapacity(),
				properties.maxSubscribers());
	}

	/**
	 * Wrong JSON types are errors: a number or boolean is not silently turned into a
	 * string, and a repeated key is rejected.
	 */
	@Bean
	JsonMapperBuilderCustomizer strictJson() {
		return (builder) -> builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.withCoercionConfig(LogicalType.Textual,
					(config) -> config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
	}

}
