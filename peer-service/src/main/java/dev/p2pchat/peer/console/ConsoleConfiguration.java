package dev.p2pchat.peer.console;

import java.time.Clock;
import java.time.ZoneId;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Enables the terminal client when {@code p2pchat.peer.console=true} (off by default).
 * The client has its own lenient JSON mapper so that fields the peer adds to its API
 * never break it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("p2pchat.peer.console")
class ConsoleConfiguration {

	@Bean
	ConsoleRunner consoleRunner(Clock clock) {
		// the terminal shows times in its own zone
		return new ConsoleRunner(JsonMapper.builder().build(), System::exit, clock.withZone(ZoneId.systemDefault()));
	}

}
