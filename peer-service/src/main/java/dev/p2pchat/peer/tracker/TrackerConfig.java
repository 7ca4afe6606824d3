package dev.p2pchat.peer.tracker;

import java.time.Clock;
import java.time.Duration;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.TaskScheduler;

import dev.p2pchat.peer.config.Backoff;
import dev.p2pchat.peer.config.LocalPeer;
import dev.p2pchat.peer.config.PeerProperties;

/**
 * Wires the tracker client, the directory, the event stream and the registration.
 */
@Configuration(proxyBeanMethods = false)
class TrackerConfig {

	private static final Duration TRACKER_TIMEOUT = Duration.ofSeconds(3);

	@Bean
	TrackerUrls trackerUrls(PeerProperties properties, Clock clock) {
		return TrackerUrls.parse(properties.trackerUrl(), clock);
	}

	@Bean
	TrackerClient trackerClient(TrackerUrls trackerUrls) {
		return new TrackerClient(trackerUrls, TRACKER_TIMEOUT);
	}

	@Bean
	PeerDirectory peerDirectory(LocalPeer self, TrackerClient tracker, Clock clock, PeerProperties properties) {
		return new PeerDirectory(self, tracker, clock, properties.outbox().maxAge());
	}

	@Bean
	TrackerEventStream trackerEventStream(TrackerUrls trackerUrls, PeerDirectory directory, JsonMapper json,
			Backoff backoff, Clock clock, TaskScheduler scheduler) {
		return new TrackerEventStream(trackerUrls, directory, json, backoff, clock, scheduler);
	}

	@Bean
	Registration registration(LocalPeer self, TrackerClient tracker, PeerDirectory directory, Backoff backoff,
			Clock clock, PeerProperties properties) {
		return new Registration(self, tracker, directory, backoff, clock, properties.renewInterval());
	}

}
