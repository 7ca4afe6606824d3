package dev.p2pchat.tracker.config;

import java.time.Duration;

import dev.p2pchat.tracker.registry.RedisPeerRegistry;
import lombok.extern.slf4j.Slf4j;

import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Ties the tracker's readiness to Redis: while Redis does not answer a {@code PING}
 * (checked every {@link #INTERVAL}), readiness is {@code REFUSING_TRAFFIC}
 * ({@code /actuator/health/readiness} answers 503 {@code OUT_OF_SERVICE}) so that a load
 * balancer sends requests to a replica that can serve them; when Redis answers again the
 * tracker accepts traffic again.
 */
@Slf4j
final class RedisReadiness implements SchedulingConfigurer {

	static final Duration INTERVAL = Duration.ofSeconds(1);

	private final RedisPeerRegistry registry;

	private final ApplicationAvailability availability;

	private final ApplicationEventPublisher events;

	private volatile boolean refusedByUs;

	RedisReadiness(RedisPeerRegistry registry, ApplicationAvailability availability, ApplicationEventPublisher events) {
		this.registry = registry;
		this.availability = availability;
		this.events = events;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		registrar.addFixedDelayTask(this::check, INTERVAL);
	}

	void check() {
		boolean reachable = this.registry.reachable();
		ReadinessState state = this.availability.getReadinessState();
		if (!reachable && state != ReadinessState.REFUSING_TRAFFIC) {
			log.warn("redis does not answer: refusing traffic until it does");
			this.refusedByUs = true;
			AvailabilityChangeEvent.publish(this.events, this, ReadinessState.REFUSING_TRAFFIC);
		}
		else if (reachable && this.refusedByUs) {
			log.info("redis answers again: accepting traffic");
			this.refusedByUs = false;
			AvailabilityChangeEvent.publish(this.events, this, ReadinessState.ACCEPTING_TRAFFIC);
		}
	}

}
