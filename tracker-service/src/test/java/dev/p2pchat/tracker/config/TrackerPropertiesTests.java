package dev.p2pchat.tracker.config;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrackerPropertiesTests {

	@Test
	void bindWhenNothingSetUsesSpecDefaults() {
		TrackerProperties properties = bind(Map.of());

		assertThat(properties.lease()).isEqualTo(Duration.ofSeconds(15));
		assertThat(properties.logInterval()).isEqualTo(Duration.ofSeconds(30));
		assertThat(properties.sweepInterval()).isEqualTo(Duration.ofSeconds(1));
		assertThat(properties.keepaliveInterval()).isEqualTo(Duration.ofSeconds(10));
		assertThat(properties.sseTimeout()).isZero();
		assertThat(properties.sseQueueCapacity()).isEqualTo(1024);
		assertThat(properties.maxBodySize()).isEqualTo(DataSize.ofKilobytes(16));
		assertThat(properties.joinToken()).isNull();
		assertThat(properties.maxPeers()).isEqualTo(10000);
		assertThat(properties.maxSubscribers()).isEqualTo(1000);
		assertThat(properties.replayCacheSize()).isEqualTo(100000);
		assertThat(properties.rateLimit().registrations()).isEqualTo(10);
		assertThat(properties.rateLimit().period()).isEqualTo(Duration.ofSeconds(2));
		assertThat(properties.rateLimit().maxClients()).isEqualTo(10000);
	}

	@Test
	void bindReadsLimitsAndHidesTheJoinToken() {
		TrackerProperties properties = bind(Map.of("p2pchat.tracker.join-token", "s3cret", "p2pchat.tracker.max-peers",
				"5", "p2pchat.tracker.rate-limit.registrations", "100", "p2pchat.tracker.rate-limit.period", "1s"));

		assertThat(properties.joinToken()).isEqualTo("s3cret");
		assertThat(properties.maxPeers()).isEqualTo(5);
		assertThat(properties.rateLimit().registrations()).isEqualTo(100);
		assertThat(properties.toString()).doesNotContain("s3cret");
	}

	@Test
	void bindWhenJoinTokenBlankLeavesTheTrackerOpen() {
		assertThat(bind(Map.of("p2pchat.tracker.join-token", " ")).joinToken()).isNull();
	}

	@Test
	void bindWhenMaxPeersNotPositiveFails() {
		assertThatThrownBy(() -> bind(Map.of("p2pchat.tracker.max-peers", "0"))).isInstanceOf(BindException.class)
			.hasRootCauseMessage("p2pchat.tracker.max-peers must be at least 1: 0");
	}

	@Test
	void bindReadsRelaxedNames() {
		TrackerProperties properties = bind(Map.of("p2pchat.tracker.lease", "5s", "p2pchat.tracker.log-interval", "2m",
				"p2pchat.tracker.keepalive-interval", "500ms"));

		assertThat(properties.lease()).isEqualTo(Duration.ofSeconds(5));
		assertThat(properties.logInterval()).isEqualTo(Duration.ofMinutes(2));
		assertThat(properties.keepaliveInterval()).isEqualTo(Duration.ofMillis(500));
	}

	@Test
	void bindWhenLeaseNotPositiveFails() {
		assertThatThrownBy(() -> bind(Map.of("p2pchat.tracker.lease", "0s"))).isInstanceOf(BindException.class)
			.hasRootCauseMessage("p2pchat.tracker.lease must be positive: PT0S");
	}

	private static TrackerProperties bind(Map<String, String> values) {
		return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("p2pchat.tracker",
				TrackerProperties.class);
	}

}
