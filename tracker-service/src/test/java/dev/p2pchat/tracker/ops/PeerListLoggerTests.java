package dev.p2pchat.tracker.ops;

import java.time.Duration;

import dev.p2pchat.tracker.MutableClock;
import dev.p2pchat.tracker.TrackerServerTest;
import dev.p2pchat.tracker.TrackerTestSupport;
import dev.p2pchat.tracker.registry.PeerRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The periodic peer-list line; the shared test context sets
 * {@code p2pchat.tracker.log-interval=1s}.
 */
@TrackerServerTest
@ExtendWith(OutputCaptureExtension.class)
class PeerListLoggerTests {

	@Autowired
	private MutableClock clock;

	@Autowired
	private PeerRegistry registry;

	@Autowired
	private PeerListLogger logger;

	@Test
	void logPeersEveryLogIntervalListsUsernamesAndUrlsOnOneLine(CapturedOutput output) {
		TrackerTestSupport.clear(this.clock, this.registry);
		this.registry.register("log-1", "lou", "http://localhost:9401", "key-log-1");
		this.registry.register("log-2", "Ann", "http://localhost:9402", "key-log-2");

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(output.getOut())
				.contains("live peers (2): Ann http://localhost:9402, lou http://localhost:9401"));
	}

	@Test
	void logPeersWhenEmptySaysNone(CapturedOutput output) {
		TrackerTestSupport.clear(this.clock, this.registry);

		this.logger.logPeers();

		assertThat(output.getOut()).contains("live peers (0): none");
	}

	@Test
	void logPeersNeverLogsTokens(CapturedOutput output) {
		TrackerTestSupport.clear(this.clock, this.registry);
		String token = this.registry.register("log-3", "tok", "http://localhost:9403", "key-log-3").leaseToken();

		this.logger.logPeers();

		assertThat(output.getOut()).contains("tok http://localhost:9403").doesNotContain(token);
	}

}
