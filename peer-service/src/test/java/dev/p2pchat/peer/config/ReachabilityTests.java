package dev.p2pchat.peer.config;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReachabilityTests {

	@Test
	void reachableWhenAutoAndNothingLearnedCountsAsReachable() {
		var reachability = new Reachability(Reachability.Mode.AUTO);

		assertThat(reachability.reachable()).isTrue();
		assertThat(reachability.unknown()).isTrue();
	}

	@Test
	void learnedWhenAutoChangesItAndTellsListenersOnlyOnChanges() {
		var reachability = new Reachability(Reachability.Mode.AUTO);
		var changes = new AtomicInteger();
		reachability.onChange(changes::incrementAndGet);

		reachability.learned(true);
		reachability.learned(false);
		reachability.learned(false);

		assertThat(reachability.reachable()).isFalse();
		assertThat(reachability.unknown()).isFalse();
		assertThat(changes).hasValue(1);
	}

	@Test
	void learnedWhenSetExplicitlyIsIgnored() {
		var notReachable = new Reachability(Reachability.Mode.FALSE);
		var reachable = new Reachability(Reachability.Mode.TRUE);

		notReachable.learned(true);
		reachable.learned(false);

		assertThat(notReachable.reachable()).isFalse();
		assertThat(reachable.reachable()).isTrue();
	}

	@Test
	void relayBoundsWhenNotPositiveAreRefusedNamingTheProperty() {
		assertThatThrownBy(() -> new ReachProperties.Relay(true, 0, DataSize.ofKilobytes(1)))
			.hasMessageContaining("p2pchat.peer.relay.max-circuits");
		assertThatThrownBy(() -> new ReachProperties.Relay(true, 1, DataSize.ofBytes(0)))
			.hasMessageContaining("p2pchat.peer.relay.bytes-per-second");
	}

}
