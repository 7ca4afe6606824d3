package dev.p2pchat.peer.access;

import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /session}: what the signed-in page needs to send its changes, the CSRF token
 * and the header to send it in. Owner only, like the rest of the API.
 */
@RestController
class SessionController {

	@GetMapping("/session")
	SessionView session(CsrfToken csrf) {
		return new SessionView(csrf.getHeaderName(), csrf.getToken());
	}

	record SessionView(String csrfHeader, String csrfToken) {
	}

}
