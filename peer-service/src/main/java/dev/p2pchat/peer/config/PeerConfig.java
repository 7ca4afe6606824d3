package dev.p2pchat.peer.config;

import java.time.Clock;
import java.util.Random;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Beans shared by every feature: the clock, the data directory and the backoff policy.
 */
@Configuration(proxyBeanMethods = false)
class PeerConfig {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	DataDirectory dataDirectory(PeerProperties properties) {
		return DataDirectory.open(properties.dataDir());
	}

	/** {@link Random} rather than a faster generator: it is thread-safe. */
	@Bean
	Backoff backoff(PeerProperties properties) {
		return new Backoff(properties.backoff(), new Random());
	}

}
