package dev.p2pchat.e2e;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DockerRequiredTests {

	@Test
	void checkWhenNoDockerOnCiFailsTheClass() {
		assertThatThrownBy(() -> DockerRequired.check(false, true)).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("CI=true");
	}

	@Test
	void checkWhenNoDockerOutsideCiSkipsTheClass() {
		assertThatThrownBy(() -> DockerRequired.check(false, false)).isInstanceOf(TestAbortedException.class);
	}

	@Test
	void checkWhenDockerIsThereLetsTheClassRun() {
		assertThatCode(() -> DockerRequired.check(true, true)).doesNotThrowAnyException();
	}

}
