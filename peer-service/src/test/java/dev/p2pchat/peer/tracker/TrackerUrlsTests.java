package dev.p2pchat.peer.tracker;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.p2pchat.peer.TestClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TrackerUrlsTests {

	private static final URI A = URI.create("http://a:8080");

	private static final URI B = URI.create("http://b:8080");

	private final TestClock clock = new TestClock(Instant.parse("2026-12-01T00:00:00Z"));

	private final TrackerUrls urls = new TrackerUrls(List.of(A, B), this.clock);

	@Test
	void parseWhenCommaSeparatedKeepsTheOrderAndIgnoresBlanks() {
		TrackerUrls parsed = TrackerUrls.parse(URI.create("http://a:8080,http://b:8080,"), this.clock);

		assertThat(parsed.all()).containsExactly(A, B);
		assertThat(TrackerUrls.parse(URI.create("http://localhost:8080"), this.clock).all())
			.containsExactly(URI.create("http://localhost:8080"));
		assertThatIllegalArgumentException().isThrownBy(() -> TrackerUrls.parse(URI.create(","), this.clock));
	}

	@Test
	void candidatesWhenNothingFailedAreInOrder() {
		assertThat(this.urls.candidates()).containsExactly(A, B);
		assertThat(this.urls.preferred()).isEqualTo(A);
	}

	@Test
	void failedUrlIsPausedForASecondThenTriedFirstAgain() {
		this.urls.failed(A);

		assertThat(this.urls.candidates()).containsExactly(B, A);
		this.clock.advance(TrackerUrls.MIN_PAUSE);
		assertThat(this.urls.candidates()).containsExactly(A, B);
	}

	@Test
	void failuresInARowDoubleThePauseUpToTheMaximumAndASuccessForgivesThem() {
		for (int i = 0; i < 10; i++) {
			this.urls.failed(A);
		}

		this.clock.advance(TrackerUrls.MAX_PAUSE.minusMillis(1));
		assertThat(this.urls.preferred()).isEqualTo(B);
		this.clock.advance(Duration.ofMillis(1));
		assertThat(this.urls.preferred()).isEqualTo(A);

		this.urls.failed(A);
		this.urls.succeeded(A);
		assertThat(this.urls.preferred()).isEqualTo(A);
	}

	@Test
	void candidatesWhenAllPausedStartWithTheOneWhosePauseEndsFirst() {
		this.urls.failed(A);
		this.urls.failed(A);
		this.urls.failed(B);

		assertThat(this.urls.candidates()).containsExactly(B, A);
	}

}
