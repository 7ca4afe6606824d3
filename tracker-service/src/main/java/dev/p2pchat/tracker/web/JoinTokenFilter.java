package dev.p2pchat.tracker.web;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

import dev.p2pchat.tracker.registry.PeerRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A closed group ({@code p2pchat.tracker.join-token} set): {@code POST /peers} needs
 * {@code Authorization: Bearer <join-token>}, and reading the directory
 * ({@code GET}/{@code HEAD} of {@code /peers}, {@code /peers/{peerId}},
 * {@code /peers/events}) needs the join token or a live peer's lease token. Without a
 * bearer token: 401; with a wrong one: 403 (problem+json, like the lease-token calls).
 * Renew, rename and delete pass through: they need their own lease token, checked by the
 * registry.
 *
 * <p>
 * Tokens are compared as SHA-256 hashes with {@link MessageDigest#isEqual}, so the
 * comparison takes the same time whatever the token, and its length is not revealed. Only
 * mapped to {@code /peers} and {@code /peers/*}; it runs before
 * {@link NotModifiedFilter}, so a 304 is never an answer to a stranger.
 */
final class JoinTokenFilter extends OncePerRequestFilter {

	private static final String BEARER = "bearer ";

	private final byte[] joinTokenHash;

	private final PeerRegistry registry;

	private final JsonMapper json;

	JoinTokenFilter(String joinToken, PeerRegistry registry, JsonMapper json) {
		this.joinTokenHash = sha256(joinToken);
		this.registry = registry;
		this.json = json;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String method = request.getMethod();
		if ("PUT".equals(method) || "PATCH".equals(method) || "DELETE".equals(method)) {
			chain.doFilter(request, response);
			return;
		}
		boolean joining = "POST".equals(method);
		String token = bearerToken(request);
		if (token == null) {
			String detail = joining ? "joining this tracker needs 'Authorization: Bearer <join-token>'"
					: "reading this tracker's directory needs 'Authorization: Bearer <join-token or lease token>'";
			refuse(request, response, HttpStatus.UNAUTHORIZED, "unauthorized", detail);
			return;
		}
		boolean allowed = isJoinToken(token) || (!joining && this.registry.holdsLiveLease(token));
		if (!allowed) {
			refuse(request, response, HttpStatus.FORBIDDEN, "forbidden",
					joining ? "the join token is wrong" : "the token is neither the join token nor a live lease token");
			return;
		}
		chain.doFilter(request, response);
	}

	private boolean isJoinToken(String token) {
		return MessageDigest.isEqual(sha256(token), this.joinTokenHash);
	}

	private static @Nullable String bearerToken(HttpServletRequest request) {
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (authorization == null || !authorization.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
			return null;
		}
		String token = authorization.substring(BEARER.length()).strip();
		return token.isEmpty() ? null : token;
	}

	private void refuse(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String type,
			String detail) throws IOException {
		ProblemDetail problem = ProblemHandler.problem(status, type, detail, "Authorization");
		problem.setInstance(URI.create(request.getRequestURI()));
		response.setStatus(status.value());
		if (status == HttpStatus.UNAUTHORIZED) {
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
		}
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8);
		this.json.writeValue(response.getOutputStream(), problem);
	}

	private static byte[] sha256(String token) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
		}
	}

}
