package dev.p2pchat.tracker.config;

import dev.p2pchat.tracker.events.EventFanout;
import dev.p2pchat.tracker.ops.PeerListLogger;
import dev.p2pchat.tracker.registry.LeaseSweeper;
import lombok.RequiredArgsConstructor;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * The tracker's periodic work, each at its configured interval: the lease sweep, the
 * event-stream keepalives and the peer-list log line.
 */
@Configuration(proxyBeanMethods = false)
@RequiredArgsConstructor
class TrackerScheduling implements SchedulingConfigurer {

	private final TrackerProperties properties;

	private final LeaseSweeper sweeper;

	private final EventFanout fanout;

	private final PeerListLogger peerListLogger;

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		registrar.addFixedDelayTask(this.sweeper, this.properties.sweepInterval());
		registrar.addFixedRateTask(this.fanout::keepalive, this.properties.keepaliveInterval());
		registrar.addFixedRateTask(this.peerListLogger::logPeers, this.properties.logInterval());
	}

}
