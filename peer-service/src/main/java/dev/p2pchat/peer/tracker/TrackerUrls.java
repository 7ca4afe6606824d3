package dev.p2pchat.peer.tracker;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;

import lombok.extern.slf4j.Slf4j;

/**
 * The tracker's base URLs ({@code p2pchat.peer.tracker-url}, a comma-separated list) and
 * which of them to try, in order: every URL that failed is left alone for a while that
 * doubles with each failure in a row ({@link #MIN_PAUSE} to {@link #MAX_PAUSE}), and
 * forgiven as soon as a call to it succeeds. When every URL is paused, the one whose
 * pause ends first is tried anyway: a peer never stops trying. Thread-safe.
 */
@Slf4j
final class TrackerUrls {

	static final Duration MIN_PAUSE = Duration.ofSeconds(1);

	static final Duration MAX_PAUSE = Duration.ofSeconds(30);

	private final List<URI> urls;

	private final Clock clock;

	private final Map<URI, Failures> failures = new ConcurrentHashMap<>();

	TrackerUrls(List<URI> urls, Clock clock) {
		if (urls.isEmpty()) {
			throw new IllegalArgumentException("p2pchat.peer.tracker-url names no URL");
		}
		this.urls = List.copyOf(urls);
		this.clock = clock;
	}

	/**
	 * Parses {@code p2pchat.peer.tracker-url}.
	 * @param property one URL, or several separated by commas
	 * @param clock the clock of the pauses
	 * @return the URLs in order
	 */
	static TrackerUrls parse(URI property, Clock clock) {
		List<URI> urls = Arrays.stream(property.toString().split(","))
			.map(String::strip)
			.filter((url) -> !url.isEmpty())
			.map(URI::create)
			.toList();
		return new TrackerUrls(urls, clock);
	}

	/** Every URL, in the configured order. */
	List<URI> all() {
		return this.urls;
	}

	/**
	 * The URLs to try now, best first: those not paused in order, then the paused ones by
	 * the end of their pause.
	 */
	List<URI> candidates() {
		Instant now = this.clock.instant();
		List<URI> ready = new ArrayList<>();
		List<URI> paused = new ArrayList<>();
		for (URI url : this.urls) {
			Failures failed = this.failures.get(url);
			((failed == null || !now.isBefore(failed.pausedUntil())) ? ready : paused).add(url);
		}
		paused.sort(Comparator.comparing((URI url) -> this.failures.get(url).pausedUntil()));
		ready.addAll(paused);
		return ready;
	}

	/** The URL to use now. */
	URI preferred() {
		return candidates().getFirst();
	}

	void succeeded(URI url) {
		if (this.failures.remove(url) != null && this.urls.size() > 1) {
			log.info("tracker {} answers again", url);
		}
	}

	void failed(URI url) {
		Failures failed = this.failures.merge(url, new Failures(1, Instant.EPOCH),
				(old, one) -> new Failures(old.count() + 1, Instant.EPOCH));
		Duration pause = MIN_PAUSE.multipliedBy(1L << Math.min(failed.count() - 1, 5));
		if (pause.compareTo(MAX_PAUSE) > 0) {
			pause = MAX_PAUSE;
		}
		this.failures.put(url, new Failures(failed.count(), this.clock.instant().plus(pause)));
		if (failed.count() == 1 && this.urls.size() > 1) {
			log.warn("tracker {} failed, trying the next one for {}", url, pause);
		}
	}

	private record Failures(int count, Instant pausedUntil) {
	}

}
