package dev.p2pchat.tracker.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the tracker keeps its directory ({@code p2pchat.tracker.store}, fixed by the
 * product contract) and, for Redis, the internal knob of its key prefix.
 *
 * @param store {@code memory} (one tracker) or {@code redis} (any number of replicas
 * sharing {@code spring.data.redis.url})
 * @param redisKeyPrefix the prefix of every Redis key and channel the tracker uses, so
 * that several directories can share one Redis
 */
@ConfigurationProperties("p2pchat.tracker")
public record StoreProperties(@DefaultValue("memory") Store store, @DefaultValue("p2pchat:") String redisKeyPrefix) {

	/** The property that selects the store. */
	public static final String STORE = "p2pchat.tracker.store";

	public StoreProperties {
		if (redisKeyPrefix.isEmpty()) {
			throw new IllegalArgumentException("p2pchat.tracker.redis-key-prefix must not be empty");
		}
	}

	/** The stores. */
	public enum Store {

		/** In this process's memory: one tracker. */
		MEMORY,

		/** In Redis: any number of replicas serve one directory. */
		REDIS

	}

}
