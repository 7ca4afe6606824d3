package dev.p2pchat.weblimits;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RefusalCounterTests {

	enum Reason {

		BAD_ENCODING, CONNECTIONS_PER_ADDRESS

	}

	@Test
	void refusedWhenCountedRegistersEveryReasonAtStartAndCountsOne() {
		var meters = new SimpleMeterRegistry();
		var counter = new RefusalCounter<>(meters, "p2pchat.http.refused", Reason.class);

		assertThat(meters.get("p2pchat.http.refused").counters()).hasSize(2);
		counter.refused(Reason.CONNECTIONS_PER_ADDRESS);

		assertThat(meters.get("p2pchat.http.refused").tag("reason", "connections-per-address").counter().count())
			.isEqualTo(1.0);
		assertThat(meters.get("p2pchat.http.refused").tag("reason", "bad-encoding").counter().count()).isZero();
	}

}
