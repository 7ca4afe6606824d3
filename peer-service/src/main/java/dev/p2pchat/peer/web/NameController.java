package dev.p2pchat.peer.web;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.p2pchat.peer.config.Username;
import dev.p2pchat.peer.tracker.KeyChange;
import dev.p2pchat.peer.tracker.KnownPeer;
import dev.p2pchat.peer.tracker.NameBindings;

/**
 * {@code /names}: the usernames whose key changed since this peer first saw them, and the
 * owner's acceptance of a new key ({@code docs/api.md}).
 */
@RestController
class NameController {

	private final NameBindings names;

	NameController(NameBindings names) {
		this.names = names;
	}

	@GetMapping("/names/changes")
	List<KeyChange> changes() {
		return this.names.changes();
	}

	@PostMapping("/names/{username}/accept")
	Views.TrustedName accept(@PathVariable String username, @RequestBody Views.AcceptRequest request) {
		if (!Username.isValid(username)) {
			throw new BadRequestException("username", "username must be " + Username.RULE);
		}
		String peerId = request.peerId();
		if (peerId == null || peerId.isBlank()) {
			throw new BadRequestException("peerId", "peerId is required: the key you accept for " + username);
		}
		KnownPeer trusted = this.names.accept(username, peerId);
		return new Views.TrustedName(trusted.username(), trusted.peerId());
	}

}
