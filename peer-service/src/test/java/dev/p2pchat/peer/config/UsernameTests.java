package dev.p2pchat.peer.config;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class UsernameTests {

	@ParameterizedTest
	@ValueSource(strings = { "a", "Alice", "bob_2", "carol-x", "d.e", "abcdefghijklmnopqrstuvwxyz012345" })
	void isValidWhenLettersDigitsAndUnderscoreDashDotUpTo32IsTrue(String name) {
		assertThat(Username.isValid(name)).isTrue();
		assertThat(Username.require(name, "username")).isEqualTo(name);
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { "has space", "abcdefghijklmnopqrstuvwxyz0123456", "émile", "a/b", "a:b", "tab\t", "a\nb" })
	void isValidWhenEmptyTooLongOrOtherCharactersIsFalse(String name) {
		assertThat(Username.isValid(name)).isFalse();
		assertThatIllegalArgumentException().isThrownBy(() -> Username.require(name, "p2pchat.peer.username"))
			.withMessageStartingWith("p2pchat.peer.username must be 1-32 of letters, digits");
	}

	@Test
	void requireWhenNameIsHugeQuotesAtMost40CharactersOfIt() {
		String huge = "x".repeat(10_000);

		assertThatIllegalArgumentException().isThrownBy(() -> Username.require(huge, "username"))
			.satisfies((ex) -> assertThat(ex.getMessage()).hasSizeLessThan(120).contains("x".repeat(40) + "…'"));
	}

	@Test
	void sameWhenNamesDifferOnlyInCaseIsTrue() {
		assertThat(Username.same("Alice", "aLICE")).isTrue();
		assertThat(Username.same("alice", "alice2")).isFalse();
		assertThat(Username.key("Alice")).isEqualTo(Username.key("ALICE")).isEqualTo("alice");
	}

}
