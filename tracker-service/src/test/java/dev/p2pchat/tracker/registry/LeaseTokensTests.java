package dev.p2pchat.tracker.registry;

import java.security.SecureRandom;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LeaseTokensTests {

	private final LeaseTokens tokens = new LeaseTokens(new SecureRandom());

	@Test
	void newTokenIs32RandomBytesInBase64Url() {
		String token = this.tokens.newToken();

		assertThat(Base64.getUrlDecoder().decode(token)).hasSize(32);
		assertThat(token).doesNotContain("=", "+", "/");
		assertThat(this.tokens.newToken()).isNotEqualTo(token);
	}

	@Test
	void matchesOnlyTheHashedToken() {
		String token = this.tokens.newToken();
		byte[] hash = LeaseTokens.hash(token);

		assertThat(LeaseTokens.matches(token, hash)).isTrue();
		assertThat(LeaseTokens.matches(token + "x", hash)).isFalse();
		assertThat(LeaseTokens.matches("", hash)).isFalse();
	}

}
