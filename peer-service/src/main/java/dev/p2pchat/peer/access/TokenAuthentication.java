package dev.p2pchat.peer.access;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A request's claim to be the owner, by the owner's token: unauthenticated as presented,
 * authenticated (as {@code owner}, with its credentials erased) once {@link Provider} has
 * checked it.
 */
final class TokenAuthentication extends AbstractAuthenticationToken {

	static final String OWNER = "owner";

	private @Nullable String token;

	private TokenAuthentication(@Nullable String token, boolean authenticated) {
		super(authenticated ? List.of(new SimpleGrantedAuthority("ROLE_OWNER")) : List.of());
		this.token = token;
		setAuthenticated(authenticated);
	}

	static TokenAuthentication presented(String token) {
		return new TokenAuthentication(token, false);
	}

	@Override
	public @Nullable Object getCredentials() {
		return this.token;
	}

	@Override
	public Object getPrincipal() {
		return OWNER;
	}

	@Override
	public void eraseCredentials() {
		this.token = null;
	}

	@Override
	public String toString() {
		return "TokenAuthentication[" + (isAuthenticated() ? OWNER : "unchecked") + "]";
	}

	/** Accepts exactly the owner's token, compared in constant time. */
	static final class Provider implements AuthenticationProvider {

		private final ApiToken token;

		Provider(ApiToken token) {
			this.token = token;
		}

		@Override
		public Authentication authenticate(Authentication authentication) {
			if (!this.token.matches((String) authentication.getCredentials())) {
				throw new BadCredentialsException("wrong token");
			}
			return new TokenAuthentication(null, true);
		}

		@Override
		public boolean supports(Class<?> authentication) {
			return TokenAuthentication.class.isAssignableFrom(authentication);
		}

	}

}
