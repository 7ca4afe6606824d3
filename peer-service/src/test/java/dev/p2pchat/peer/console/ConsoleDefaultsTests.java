package dev.p2pchat.peer.console;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleDefaultsTests {

	private final ConsoleDefaults defaults = new ConsoleDefaults();

	@Test
	void postProcessWhenConsoleOnQuietensLoggingAndBanner() {
		MockEnvironment environment = new MockEnvironment().withProperty("p2pchat.peer.console", "true");

		this.defaults.postProcessEnvironment(environment, new SpringApplication());

		assertThat(environment.getProperty("logging.level.root")).isEqualTo("WARN");
		assertThat(environment.getProperty("spring.main.banner-mode")).isEqualTo("off");
	}

	@Test
	void postProcessWhenUserSetLevelKeepsIt() {
		MockEnvironment environment = new MockEnvironment().withProperty("p2pchat.peer.console", "true")
			.withProperty("logging.level.root", "DEBUG");

		this.defaults.postProcessEnvironment(environment, new SpringApplication());

		assertThat(environment.getProperty("logging.level.root")).isEqualTo("DEBUG");
	}

	@Test
	void postProcessWhenConsoleOffChangesNothing() {
		MockEnvironment environment = new MockEnvironment();

		this.defaults.postProcessEnvironment(environment, new SpringApplication());

		assertThat(environment.getPropertySources().contains(ConsoleDefaults.SOURCE)).isFalse();
	}

}
