package dev.p2pchat.peer.tracker;

import java.time.Clock;
import java.time.Duration;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.web.client.RestClient;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.TaskScheduler;

import dev.p2pchat.peer.config.Backoff;
import dev.p2pchat.peer.config.DataDirectory;
import dev.p2pchat.peer.config.LocalPeer;
import dev.p2pchat.peer.config.PeerProperties;
import dev.p2pchat.peer.config.Reachability;
import dev.p2pchat.link.identity.Identity;

/**
 * Wires the tracker client, the directory, the names it trusts, the event stream and the
 * registration.
 */
@Configuration(proxyBeanMethods = false)
class TrackerConfig {

	private static final Duration TRACKER_TIMEOUT = Duration.ofSeconds(3);

	@Bean
	TrackerUrls trackerUrls(PeerProperties properties, Clock clock) {
		return TrackerUrls.parse(properties.trackerUrl(), clock);
	}

	@Bean
	TrackerClient trackerClient(TrackerUrls trackerUrls, PeerProperties properties, RestClient.Builder builder) {
		return new TrackerClient(builder, trackerUrls, TRACKER_TIMEOUT, properties.joinToken());
	}

	@Bean
	PeerDirectory peerDirectory(LocalPeer self, TrackerClient tracker, Clock clock, PeerProperties properties) {
		return new PeerDirectory(self, tracker, clock, properties.outbox().maxAge());
	}

	/** Trusted on first use; follows the directory from its first change on. */
	@Bean
	NameBindings nameBindings(DataDirectory dataDirectory, LocalPeer self, PeerDirectory directory) {
		var bindings = new NameBindings(dataDirectory, self, directory);
		directory.addListener(bindings);
		return bindings;
	}

	@Bean
	TrackerEventStream trackerEventStream(TrackerUrls trackerUrls, PeerProperties properties, PeerDirectory directory,
			JsonMapper json, Backoff backoff, Clock clock, TaskScheduler scheduler) {
		return new TrackerEventStream(trackerUrls, properties.joinToken(), directory, json, backoff, clock, scheduler);
	}

	@Bean
	Registration registration(LocalPeer self, Identity identity, TrackerClient tracker, PeerDirectory directory,
			Backoff backoff, Clock clock, PeerProperties properties, Reachability reachability) {
		var registration = new Registration(self, identity, tracker, directory, backoff, clock,
				properties.renewInterval(), reachability);
		// the directory must say so: register again (the tracker replaces the record)
		reachability.onChange(registration::registerAgain);
		return registration;
	}

}
