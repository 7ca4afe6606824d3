package dev.p2pchat.tracker.ops;

import dev.p2pchat.tracker.registry.PeerEvent;
import dev.p2pchat.tracker.registry.PeerRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.stereotype.Component;

/**
 * The tracker's meters: the gauge {@code p2pchat.tracker.peers} (live peers), the counter
 * {@code p2pchat.tracker.registrations} and the counter
 * {@code p2pchat.tracker.departures} tagged with {@code reason} ({@code deleted} or
 * {@code expired}).
 */
@Component
class TrackerMetrics implements MeterBinder {

	private final PeerRegistry registry;

	TrackerMetrics(PeerRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void bindTo(MeterRegistry meters) {
		Gauge.builder("p2pchat.tracker.peers", this.registry, (r) -> r.list().peers().size())
			.description("Live peers in the registry")
			.register(meters);
		Counter registrations = Counter.builder("p2pchat.tracker.registrations")
			.description("Successful registrations, including re-registrations")
			.register(meters);
		Counter deleted = departures(meters, PeerEvent.Reason.DELETED);
		Counter expired = departures(meters, PeerEvent.Reason.EXPIRED);
		this.registry.addListener((event) -> {
			switch (event) {
				case PeerEvent.Joined joined -> registrations.increment();
				case PeerEvent.Left left ->
					((left.reason() == PeerEvent.Reason.DELETED) ? deleted : expired).increment();
				case PeerEvent.Renamed renamed -> {
					// not counted
				}
			}
		});
	}

	private static Counter departures(MeterRegistry meters, PeerEvent.Reason reason) {
		return Counter.builder("p2pchat.tracker.departures")
			.description("Peers that left, by reason")
			.tag("reason", reason.wireName())
			.register(meters);
	}

}
