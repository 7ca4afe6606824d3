package dev.p2pchat.peer.config;

import java.time.Clock;
import java.time.Duration;
import java.util.Random;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Beans shared by every feature: the clock, the data directory and the backoff policy.
 */
@Configuration(proxyBeanMethods = false)
class PeerConfig {

	/**
	 * The system's UTC clock; a test knob, {@code p2pchat.peer.clock-offset} (a duration,
	 * e.g. {@code -30s}), sets it that far off, so that a fault run can step one peer's
	 * clock by restarting it. Not a user setting: left out of the documented properties.
	 */
	@Bean
	Clock clock(Environment environment) {
		Duration offset = Binder.get(environment)
			.bind("p2pchat.peer.clock-offset", Duration.class)
			.orElse(Duration.ZERO);
		return offset.isZero() ? Clock.systemUTC() : Clock.offset(Clock.systemUTC(), offset);
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

	@Bean
	Reachability reachability(ReachProperties properties) {
		return new Reachability(properties.reachable());
	}

}
