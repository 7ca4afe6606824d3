package dev.p2pchat.peer.web;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.p2pchat.peer.messaging.TypingRelay;

/**
 * {@code POST /typing}: this peer's user is typing; the peers are told, rate-limited and
 * best effort (202 whether or not a notice went out).
 */
@RestController
class TypingController {

	private final TypingRelay typing;

	TypingController(TypingRelay typing) {
		this.typing = typing;
	}

	@PostMapping("/typing")
	@ResponseStatus(HttpStatus.ACCEPTED)
	void typing(@RequestBody(required = false) Views.@Nullable TypingRequest request) {
		this.typing.typing((request != null) ? request.to() : null);
	}

}
