package dev.p2pchat.peer.web;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.p2pchat.peer.config.LocalPeer;
import dev.p2pchat.peer.config.Username;
import dev.p2pchat.peer.config.PeerProperties;
import dev.p2pchat.peer.limits.Allowance;
import dev.p2pchat.peer.limits.Refusals;
import dev.p2pchat.peer.mesh.Mesh;
import dev.p2pchat.peer.tracker.PeerDirectory;
import dev.p2pchat.peer.tracker.Registration;

/**
 * {@code /peers} (this peer's view of the others) and {@code /me} (who this peer is,
 * rename).
 */
@RestController
class PeerController {

	private final LocalPeer self;

	private final PeerDirectory directory;

	private final Mesh mesh;

	private final Registration registration;

	private final int maxTextLength;

	private final int renamesPerMinute;

	private final Allowance renames;

	private final Refusals refusals;

	PeerController(LocalPeer self, PeerDirectory directory, Mesh mesh, Registration registration,
			PeerProperties properties, Clock clock, Refusals refusals) {
		this.self = self;
		this.directory = directory;
		this.mesh = mesh;
		this.registration = registration;
		this.maxTextLength = properties.maxTextLength();
		this.renamesPerMinute = properties.http().maxRenamesPerMinute();
		this.renames = new Allowance(this.renamesPerMinute, Duration.ofMinutes(1), clock);
		this.refusals = refusals;
	}

	@GetMapping("/peers")
	List<Views.PeerView> peers() {
		return this.directory.all()
			.stream()
			.map((peer) -> new Views.PeerView(peer.peerId(), peer.username(), peer.url(),
					this.mesh.linkState(peer.peerId()), this.mesh.via(peer.peerId())))
			.toList();
	}

	@GetMapping("/me")
	Views.MeView me() {
		return new Views.MeView(this.self.id(), this.self.username(), this.self.url(), this.registration.registered(),
				this.maxTextLength);
	}

	@PutMapping("/me")
	Views.MeView rename(@RequestBody Views.RenameRequest request) {
		String username = request.username();
		if (!Username.isValid(username)) {
			throw new BadRequestException("username", "username must be " + Username.RULE);
		}
		if (!username.equals(this.self.username())) {
			// every rename is a tracker call and an event to every peer
			this.renames.take().ifPresent((wait) -> {
				this.refusals.refused(Refusals.Reason.RATE_LIMITED);
				throw new TooManyRenamesException(this.renamesPerMinute, wait);
			});
			this.registration.rename(username);
		}
		return me();
	}

}
