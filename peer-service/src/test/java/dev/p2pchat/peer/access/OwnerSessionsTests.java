package dev.p2pchat.peer.access;

import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpSessionEvent;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

import static org.assertj.core.api.Assertions.assertThat;

class OwnerSessionsTests {

	private final OwnerSessions sessions = new OwnerSessions(3);

	@Test
	void sessionWhenOneMoreThanTheBoundIsMadeEndsTheOldest() {
		List<MockHttpSession> made = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			var session = new MockHttpSession();
			made.add(session);
			this.sessions.sessionCreated(new HttpSessionEvent(session));
		}

		assertThat(this.sessions.live()).isEqualTo(3);
		assertThat(made.subList(0, 2)).allSatisfy((session) -> assertThat(session.isInvalid()).isTrue());
		assertThat(made.subList(2, 5)).allSatisfy((session) -> assertThat(session.isInvalid()).isFalse());
	}

	@Test
	void sessionWhenDestroyedOrRenamedIsCountedOnce() {
		var session = new MockHttpSession();
		this.sessions.sessionCreated(new HttpSessionEvent(session));
		this.sessions.sessionIdChanged(new HttpSessionEvent(session), session.getId());
		assertThat(this.sessions.live()).isEqualTo(1);

		this.sessions.sessionDestroyed(new HttpSessionEvent(session));

		assertThat(this.sessions.live()).isZero();
	}

	@Test
	void csrfWhenTheCookieNamesNoSignedInSessionIsNotCheckedSoNoSessionIsMade() {
		var forged = new MockHttpServletRequest("POST", "/messages");
		forged.setRequestedSessionId("made-up");
		forged.setRequestedSessionIdValid(false);
		assertThat(OwnerSecurity.needsCsrfToken(forged)).isFalse();
		assertThat(forged.getSession(false)).isNull();

		var anonymous = new MockHttpServletRequest("POST", "/messages");
		anonymous.setSession(new MockHttpSession());
		anonymous.setRequestedSessionId(anonymous.getSession().getId());
		assertThat(OwnerSecurity.needsCsrfToken(anonymous)).as("a session nobody signed in to").isFalse();

		var signedIn = new MockHttpServletRequest("POST", "/messages");
		var session = new MockHttpSession();
		var owner = new TestingAuthenticationToken("owner", null, "ROLE_OWNER");
		session.setAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY,
				new SecurityContextImpl(owner));
		signedIn.setSession(session);
		signedIn.setRequestedSessionId(session.getId());
		assertThat(OwnerSecurity.needsCsrfToken(signedIn)).isTrue();
		signedIn.addHeader("Authorization", "Bearer x");
		assertThat(OwnerSecurity.needsCsrfToken(signedIn)).as("a Bearer request").isFalse();
	}

}
