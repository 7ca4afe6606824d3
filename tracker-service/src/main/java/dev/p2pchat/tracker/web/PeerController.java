package dev.p2pchat.tracker.web;

import java.util.Locale;

import dev.p2pchat.tracker.identity.ProofVerifier;
import dev.p2pchat.tracker.identity.RegistrationProof;
import dev.p2pchat.tracker.ratelimit.IdentityLimiter;
import dev.p2pchat.tracker.ratelimit.RegistrationRateLimiter;
import dev.p2pchat.tracker.ratelimit.RenameRateLimiter;
import dev.p2pchat.tracker.registry.Peer;
import dev.p2pchat.tracker.registry.PeerFields;
import dev.p2pchat.tracker.registry.PeerNotFoundException;
import dev.p2pchat.tracker.registry.PeerRegistry;
import dev.p2pchat.tracker.registry.Registration;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The tracker's REST API on {@code /peers}; see {@code docs/api.md}.
 */
@RestController
@RequestMapping(path = "/peers",
		produces = { MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE })
class PeerController {

	private static final String BEARER = "bearer ";

	private final PeerRegistry registry;

	private final PeerListDocument listDocument;

	private final ProofVerifier verifier;

	private final RegistrationRateLimiter rateLimiter;

	private final IdentityLimiter identityLimiter;

	private final RenameRateLimiter renameLimiter;

	PeerController(PeerRegistry registry, PeerListDocument listDocument, ProofVerifier verifier,
			RegistrationRateLimiter rateLimiter, IdentityLimiter identityLimiter, RenameRateLimiter renameLimiter) {
		this.registry = registry;
		this.listDocument = listDocument;
		this.verifier = verifier;
		this.rateLimiter = rateLimiter;
		this.identityLimiter = identityLimiter;
		this.renameLimiter = renameLimiter;
	}

	/**
	 * Registers after, in this order: the client's rate limit, the proof (key, id,
	 * timestamp, signature, first use), the new identities allowed from the client's
	 * address and network (counted only for a proven key), and the registry's own rules
	 * (name, reservation, key binding, bound on live peers). Any refusal leaves the
	 * registry unchanged.
	 */
	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<PeerResponses.Registered> register(@Valid @RequestBody RegisterRequest request,
			HttpServletRequest http) {
		this.rateLimiter.acquire(http.getRemoteAddr());
		RegistrationProof proof = new RegistrationProof(required(request.peerId()), required(request.username()),
				required(request.url()), required(request.publicKey()), required(request.timestamp()),
				required(request.signature()));
		this.verifier.verify(proof);
		this.identityLimiter.admit(http.getRemoteAddr(), proof.peerId());
		Registration registration = this.registry.register(proof.peerId(), proof.username(), proof.url(),
				proof.publicKey(), !Boolean.FALSE.equals(request.reachable()));
		return ResponseEntity
			.created(ServletUriComponentsBuilder.fromCurrentRequestUri()
				.path("/{peerId}")
				.buildAndExpand(registration.peer().peerId())
				.toUri())
			.body(PeerResponses.Registered.of(registration));
	}

	/**
	 * {@link NotModifiedFilter} answers most revalidations before this; for the rest (a
	 * query string, an unusual {@code Accept}) Spring answers 304 itself when
	 * {@code If-None-Match} matches the ETag.
	 */
	@GetMapping
	ResponseEntity<byte[]> list() {
		PeerListDocument.Rendered document = this.listDocument.current();
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.eTag(document.etag())
			.header(HttpHeaders.CACHE_CONTROL, PeerListDocument.CACHE_CONTROL)
			.body(document.body());
	}

	@GetMapping("/{peerId}")
	Peer one(@PathVariable String peerId) {
		return this.registry.find(validPeerId(peerId)).orElseThrow(() -> new PeerNotFoundException(peerId));
	}

	@PutMapping("/{peerId}/lease")
	PeerResponses.Renewed renew(@PathVariable String peerId,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization) {
		String token = bearerToken(authorization);
		Peer peer = this.registry.renew(validPeerId(peerId), token);
		return PeerResponses.Renewed.of(peer, this.registry.lease().toSeconds());
	}

	@PatchMapping(path = "/{peerId}", consumes = { MediaType.APPLICATION_JSON_VALUE, "application/merge-patch+json" })
	Peer rename(@PathVariable String peerId,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
			@Valid @RequestBody RenameRequest request, HttpServletRequest http) {
		String token = bearerToken(authorization);
		// only a live lease spends an allowance, its own: a caller without one cannot use
		// up anybody's renames (the registry refuses it below)
		if (this.registry.holdsLiveLease(token)) {
			this.renameLimiter.acquire(token);
		}
		return this.registry.rename(validPeerId(peerId), token, required(request.username()));
	}

	@DeleteMapping("/{peerId}")
	ResponseEntity<Void> delete(@PathVariable String peerId,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization) {
		String token = bearerToken(authorization);
		this.registry.remove(validPeerId(peerId), token);
		return ResponseEntity.noContent().build();
	}

	private static String validPeerId(String peerId) {
		if (!PeerFields.isPeerId(peerId)) {
			throw new WebExceptions.InvalidFieldException("peerId", "must be 1-64 characters of A-Z a-z 0-9 _ -");
		}
		return peerId;
	}

	private static String bearerToken(@Nullable String authorization) {
		if (authorization == null || !authorization.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
			throw new WebExceptions.MissingTokenException();
		}
		String token = authorization.substring(BEARER.length()).strip();
		if (token.isEmpty()) {
			throw new WebExceptions.MissingTokenException();
		}
		return token;
	}

	/** Validation has already rejected nulls; this only narrows the type. */
	private static String required(@Nullable String value) {
		if (value == null) {
			throw new IllegalStateException("validated field is null");
		}
		return value;
	}

}
