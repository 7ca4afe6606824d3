package dev.p2pchat.tracker.registry;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.p2pchat.tracker.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LeaseSweeperTests {

	private final MutableClock clock = MutableClock.startingAt("2026-01-01T00:00:00Z");

	private final InMemoryPeerRegistry registry = new InMemoryPeerRegistry(this.clock, Duration.ofSeconds(15));

	@Test
	void runWhenLeaseEndedDropsPeerAndPublishesLeftExpired() {
		List<PeerEvent> events = new CopyOnWriteArrayList<>();
		this.registry.addListener(events::add);
		this.registry.register("p1", "alice", "http://a:1", "key-p1");
		LeaseSweeper sweeper = new LeaseSweeper(this.registry);

		sweeper.run();
		assertThat(this.registry.list().peers()).hasSize(1);
		this.clock.advance(Duration.ofSeconds(15));
		sweeper.run();

		assertThat(this.registry.list().peers()).isEmpty();
		assertThat(events).last()
			.isInstanceOfSatisfying(PeerEvent.Left.class,
					(left) -> assertThat(left.reason()).isEqualTo(PeerEvent.Reason.EXPIRED));
	}

}
