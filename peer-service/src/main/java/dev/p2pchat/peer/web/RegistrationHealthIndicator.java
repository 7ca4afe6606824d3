package dev.p2pchat.peer.web;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

import dev.p2pchat.peer.mesh.Mesh;
import dev.p2pchat.peer.tracker.Registration;

/**
 * The {@code registration} health indicator, part of the readiness group: UP while this
 * peer holds a lease at the tracker, OUT_OF_SERVICE otherwise; its details show the
 * number of live links and queued messages.
 */
@Component
class RegistrationHealthIndicator implements HealthIndicator {

	private final Registration registration;

	private final Mesh mesh;

	RegistrationHealthIndicator(Registration registration, Mesh mesh) {
		this.registration = registration;
		this.mesh = mesh;
	}

	@Override
	public Health health() {
		Health.Builder health = this.registration.registered() ? Health.up() : Health.outOfService();
		return health.withDetail("registered", this.registration.registered())
			.withDetail("links", this.mesh.liveLinks())
			.withDetail("outboxDepth", this.mesh.outboxDepth())
			.build();
	}

}
