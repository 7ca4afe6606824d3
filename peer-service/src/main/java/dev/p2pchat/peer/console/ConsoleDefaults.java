package dev.p2pchat.peer.console;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * With {@code p2pchat.peer.console=true} the terminal is the chat: the banner is off and
 * only warnings are logged, so that INFO lines do not bury the conversation. Added last,
 * so any {@code logging.level.root} or {@code spring.main.banner-mode} the user sets
 * wins.
 */
class ConsoleDefaults implements EnvironmentPostProcessor {

	static final String SOURCE = "p2pchatConsoleDefaults";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (environment.getProperty("p2pchat.peer.console", Boolean.class, false)) {
			environment.getPropertySources()
				.addLast(new MapPropertySource(SOURCE,
						Map.of("logging.level.root", "WARN", "spring.main.banner-mode", "off")));
		}
	}

}
