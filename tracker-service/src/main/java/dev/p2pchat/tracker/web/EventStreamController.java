package dev.p2pchat.tracker.web;

import dev.p2pchat.tracker.events.EventFanout;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /peers/events}: a {@code snapshot} event, then {@code joined},
 * {@code renamed} and {@code left} as they happen, and a {@code :keepalive} comment at a
 * fixed interval.
 */
@RestController
class EventStreamController {

	private final EventFanout fanout;

	EventStreamController(EventFanout fanout) {
		this.fanout = fanout;
	}

	@GetMapping(path = "/peers/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter events() {
		return this.fanout.connect();
	}

}
