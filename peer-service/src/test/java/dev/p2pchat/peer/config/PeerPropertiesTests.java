package dev.p2pchat.peer.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.p2pchat.peer.store.SyncPolicy;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Binding {@code p2pchat.peer.*} as the application does: a bad value stops the start
 * with a message naming the property.
 */
class PeerPropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Bind.class)
		.withPropertyValues("p2pchat.peer.username=alice", "p2pchat.peer.advertised-url=http://localhost:8081",
				"p2pchat.peer.data-dir=target/data/alice");

	@Test
	void bindWhenOnlyUsernameGivenAppliesTheDefaults() {
		this.runner.run((context) -> {
			PeerProperties properties = context.getBean(PeerProperties.class);
			assertThat(properties.trackerUrl()).hasToString("http://localhost:8080");
			assertThat(properties.dataDir()).hasToString("target/data/alice");
			assertThat(properties.historySize()).isEqualTo(10_000);
			assertThat(properties.store().sync()).isEqualTo(SyncPolicy.BATCH);
			assertThat(properties.store().syncInterval()).hasMillis(200);
			assertThat(properties.maxTextLength()).isEqualTo(4096);
			assertThat(properties.link().linger()).hasNanos(200_000);
			assertThat(properties.link().ackInterval()).hasMillis(5);
			assertThat(properties.outbox().maxMessages()).isEqualTo(100_000);
		});
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			p2pchat.peer.username=               | p2pchat.peer.username
			p2pchat.peer.username=has space      | p2pchat.peer.username
			p2pchat.peer.username=abcdefghijklmnopqrstuvwxyz0123456 | p2pchat.peer.username
			p2pchat.peer.id=my-old-id            | p2pchat.peer.id is retired
			p2pchat.peer.history-size=0          | p2pchat.peer.history-size
			p2pchat.peer.max-text-length=65537   | p2pchat.peer.max-text-length
			p2pchat.peer.renew-interval=0s       | p2pchat.peer.renew-interval
			p2pchat.peer.outbox.max-messages=-1  | p2pchat.peer.outbox.max-messages
			p2pchat.peer.outbox.max-age=0s       | p2pchat.peer.outbox.max-age
			p2pchat.peer.link.ping-interval=0s   | p2pchat.peer.link.ping-interval
			p2pchat.peer.link.linger=-1ms        | p2pchat.peer.link.linger
			p2pchat.peer.link.ack-interval=-1ms  | p2pchat.peer.link.ack-interval
			p2pchat.peer.link.batch-size=512KB   | p2pchat.peer.link.batch-size
			p2pchat.peer.stream.queue-size=0     | p2pchat.peer.stream.queue-size
			p2pchat.peer.backoff.min=10s         | backoff needs 0 < min <= max
			""")
	void bindWhenValueInvalidFailsNamingIt(String setting, String expectedInMessage) {
		this.runner.withPropertyValues(setting).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining(expectedInMessage);
		});
	}

	@EnableConfigurationProperties(PeerProperties.class)
	static class Bind {

	}

}
