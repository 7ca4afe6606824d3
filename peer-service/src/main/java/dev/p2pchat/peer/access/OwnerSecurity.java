package dev.p2pchat.peer.access;

import java.io.IOException;
import java.util.Set;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import lombok.extern.slf4j.Slf4j;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.logout.HttpStatusReturningLogoutSuccessHandler;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.savedrequest.NullRequestCache;

import dev.p2pchat.peer.config.DataDirectory;
import dev.p2pchat.peer.config.PeerProperties;
import dev.p2pchat.peer.limits.Refusals;

/**
 * Spring Security for the owner's API and page (docs/security.md, "The owner's API"):
 * <ul>
 * <li>{@code /ws/peer} is open (peers prove themselves in their own handshake), and so
 * are {@code /actuator/health} with its probes (without details) and the sign-in view's
 * files;</li>
 * <li>everything else needs {@code Authorization: Bearer <api-token>} (stateless) or the
 * page's session, made by opening {@code /?token=<api-token>} once;</li>
 * <li>a session's unsafe requests need the CSRF token ({@code GET /session} hands it to
 * the page), a Bearer request none: a browser never adds that header by itself;</li>
 * <li>a request for a {@code Host} that is not one of the peer's own names is refused
 * (DNS rebinding), and every answer carries a CSP without inline script, no framing,
 * {@code nosniff} and no referrer. No CORS.</li>
 * </ul>
 */
@Slf4j
@Configuration(proxyBeanMethods = false)
class OwnerSecurity {

	static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
			+ "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

	private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

	private static final String[] PUBLIC = { "/ws/peer", "/actuator/health", "/actuator/health/liveness",
			"/actuator/health/readiness", "/signin.html", "/signin.js", "/app.css" };

	/**
	 * No observation per security filter: with Actuator's registry each of the chain's
	 * dozen filters would open its own observation and meters on every request, which
	 * profiling showed to cost more than the send itself. The request as a whole is still
	 * observed ({@code http.server.requests}).
	 */
	@Bean
	SecurityObservationSettings noSecurityFilterObservations() {
		return SecurityObservationSettings.noObservations();
	}

	@Bean
	ApiToken apiToken(AccessProperties access, DataDirectory dataDir) {
		return ApiToken.of(access.apiToken(), dataDir);
	}

	@Bean
	PageAddressLog pageAddressLog(ApiToken token) {
		return new PageAddressLog(token);
	}

	@Bean
	OwnerSessions ownerSessions(AccessProperties access, MeterRegistry meters) {
		var sessions = new OwnerSessions(access.maxSessions());
		Gauge.builder("p2pchat.sessions.live", sessions, OwnerSessions::live)
			.description("the page's live sessions (only the owner's sign-in makes one)")
			.register(meters);
		return sessions;
	}

	@Bean
	TokenAuthentication.Provider tokenAuthenticationProvider(ApiToken token) {
		return new TokenAuthentication.Provider(token);
	}

	@Bean
	WebSecurityCustomizer ownHostsOnly(PeerProperties peer, AccessProperties access, JsonMapper json,
			Refusals refusals) {
		var firewall = new StrictHttpFirewall();
		firewall.setAllowedHostnames(new OwnHosts(peer, access));
		var problems = new Problems(json);
		RequestRejectedHandler refuse = (request, response, ex) -> {
			String reason = Problems.quote(String.valueOf(ex.getMessage()));
			log.info("refused a request to {}: {}", Problems.quote(request.getRequestURI()), reason);
			refusals.refused(Refusals.Reason.REJECTED);
			problems.write(response, HttpStatus.BAD_REQUEST, "request-rejected", reason);
		};
		return (web) -> web.httpFirewall(firewall).requestRejectedHandler(refuse);
	}

	@Bean
	SecurityFilterChain ownerOnly(HttpSecurity http, TokenAuthentication.Provider provider, JsonMapper json,
			Refusals refusals) throws Exception {
		var problems = new Problems(json);
		AuthenticationManager manager = new ProviderManager(provider);
		AuthenticationEntryPoint apiEntryPoint = (request, response, ex) -> {
			refusals.refused(Refusals.Reason.UNAUTHORIZED);
			problems.write(response, HttpStatus.UNAUTHORIZED, "unauthorized", "this peer answers its owner only: send "
					+ "'Authorization: Bearer <api-token>', or open the page as /?token=<api-token>");
		};
		var signInView = new LoginUrlAuthenticationEntryPoint("/signin.html");
		signInView.setUseForward(true);
		AccessDeniedHandler denied = (request, response, ex) -> {
			refusals.refused(Refusals.Reason.FORBIDDEN);
			problems.write(response, HttpStatus.FORBIDDEN, "forbidden",
					"refused: " + Problems.quote(String.valueOf(ex.getMessage())));
		};
		http.authorizeHttpRequests((requests) -> requests
			.dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.ASYNC, DispatcherType.FORWARD)
			.permitAll()
			.requestMatchers(PUBLIC)
			.permitAll()
			.anyRequest()
			.authenticated())
			.addFilterBefore(bearer(manager, apiEntryPoint), AnonymousAuthenticationFilter.class)
			.addFilterBefore(pageSignIn(manager), AnonymousAuthenticationFilter.class)
			.exceptionHandling(
					(exceptions) -> exceptions.defaultAuthenticationEntryPointFor(signInView, OwnerSecurity::isPage)
						.defaultAuthenticationEntryPointFor(apiEntryPoint, (request) -> true)
						.accessDeniedHandler(denied))
			// no session for someone who is refused
			.requestCache((cache) -> cache.requestCache(new NullRequestCache()))
			.csrf((csrf) -> csrf.requireCsrfProtectionMatcher(OwnerSecurity::needsCsrfToken))
			.logout((logout) -> logout.logoutUrl("/signout")
				.logoutSuccessHandler(new HttpStatusReturningLogoutSuccessHandler(HttpStatus.NO_CONTENT)))
			.httpBasic((basic) -> basic.disable())
			.formLogin((form) -> form.disable())
			.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(CSP))
				.frameOptions((frames) -> frames.deny())
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.NO_REFERRER)));
		return http.build();
	}

	/**
	 * {@code Authorization: Bearer <token>}: checked on every request, never a session.
	 */
	private static AuthenticationFilter bearer(AuthenticationManager manager, AuthenticationEntryPoint entryPoint) {
		var filter = new AuthenticationFilter(manager, OwnerSecurity::bearerToken);
		filter.setRequestMatcher((request) -> request.getHeader(HttpHeaders.AUTHORIZATION) != null);
		filter.setSecurityContextRepository(new RequestAttributeSecurityContextRepository());
		filter.setSuccessHandler((request, response, authentication) -> {
		});
		filter.setFailureHandler(new AuthenticationEntryPointFailureHandler(entryPoint));
		return filter;
	}

	private static @Nullable Authentication bearerToken(HttpServletRequest request) {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header == null || header.length() < 7 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
			// another scheme: nobody, so the entry point answers 401
			return TokenAuthentication.presented("");
		}
		return TokenAuthentication.presented(header.substring(7).strip());
	}

	/**
	 * {@code GET /?token=<token>}: the page's session (a new id, so that no session fixed
	 * beforehand is reused), then a redirect to {@code /} so that the token leaves the
	 * address bar and the history; a wrong token goes back to the sign-in view.
	 */
	private static AuthenticationFilter pageSignIn(AuthenticationManager manager) {
		var filter = new AuthenticationFilter(manager,
				(request) -> TokenAuthentication.presented(request.getParameter("token")));
		filter.setRequestMatcher(OwnerSecurity::isSignIn);
		filter.setSecurityContextRepository(new DelegatingSecurityContextRepository(
				new RequestAttributeSecurityContextRepository(), new HttpSessionSecurityContextRepository()));
		filter.setSuccessHandler((request, response, authentication) -> {
			request.changeSessionId();
			response.setStatus(HttpServletResponse.SC_SEE_OTHER);
			response.setHeader(HttpHeaders.LOCATION, "/");
		});
		filter.setFailureHandler((request, response, ex) -> signInFailed(response, ex));
		return filter;
	}

	private static void signInFailed(HttpServletResponse response, AuthenticationException ex) throws IOException {
		log.info("page sign-in refused: {}", ex.getMessage());
		response.setStatus(HttpServletResponse.SC_SEE_OTHER);
		response.setHeader(HttpHeaders.LOCATION, "/?signin=failed");
	}

	private static boolean isSignIn(HttpServletRequest request) {
		return "GET".equals(request.getMethod()) && "/".equals(request.getRequestURI())
				&& request.getParameter("token") != null;
	}

	/**
	 * A browser navigating to a page: it gets the sign-in view rather than a 401 problem.
	 */
	private static boolean isPage(HttpServletRequest request) {
		String accept = request.getHeader(HttpHeaders.ACCEPT);
		return "GET".equals(request.getMethod()) && accept != null && accept.contains("text/html");
	}

	/**
	 * An unsafe request of an existing, signed-in session. A request with
	 * {@code Authorization} is checked by its token (a browser never sends one by itself,
	 * so a forged one cannot); any other request — a cookie merely named like the
	 * session's, an expired session — is refused 401 by the authorization that follows.
	 * Never makes a session: checking the CSRF token of a request without one would save
	 * a new token in a new session before refusing it.
	 */
	static boolean needsCsrfToken(HttpServletRequest request) {
		if (SAFE_METHODS.contains(request.getMethod()) || request.getHeader(HttpHeaders.AUTHORIZATION) != null
				|| request.getRequestedSessionId() == null || !request.isRequestedSessionIdValid()) {
			return false;
		}
		HttpSession session = request.getSession(false);
		return session != null && session.getAttribute(
				HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY) instanceof SecurityContext context
				&& context.getAuthentication() != null && context.getAuthentication().isAuthenticated();
	}

}
