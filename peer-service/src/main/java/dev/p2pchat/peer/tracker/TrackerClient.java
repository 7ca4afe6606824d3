package dev.p2pchat.peer.tracker;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import java.util.function.Supplier;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.HttpStatusCodeException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * Blocking client of the tracker's REST API (see {@code docs/api.md}). Thread-safe. Every
 * call fails with {@link TrackerUnavailableException} when the tracker cannot be reached
 * or answers 5xx.
 */
public class TrackerClient {

	private static final ParameterizedTypeReference<List<TrackerPeer>> PEER_LIST = new ParameterizedTypeReference<>() {
	};

	private final RestClient http;

	private final @Nullable String joinToken;

	TrackerClient(URI trackerUrl, Duration timeout) {
		this(RestClient.builder(), TrackerUrls.parse(trackerUrl, Clock.systemUTC()), timeout, null);
	}

	/**
	 * A client that fails over along the URLs, see {@link TrackerFailover}.
	 * @param builder the application's (so that calls are observed as
	 * {@code http.client.requests}); this client sets its base URL and request factory
	 * @param joinToken sent as {@code Authorization: Bearer} when registering and
	 * listing, for a closed group; {@code null} for an open tracker
	 */
	TrackerClient(RestClient.Builder builder, TrackerUrls trackerUrls, Duration timeout, @Nullable String joinToken) {
		var factory = new JdkClientHttpRequestFactory(HttpClient.newBuilder().connectTimeout(timeout).build());
		factory.setReadTimeout(timeout);
		this.http = builder.baseUrl(trackerUrls.all().getFirst().toString())
			.requestFactory(factory)
			.requestInterceptor(new TrackerFailover(trackerUrls))
			.build();
		this.joinToken = joinToken;
	}

	Lease register(RegistrationRequest request) {
		return call(() -> this.http.post()
			.uri("/peers")
			.headers(this::joinToken)
			.body(request)
			.retrieve()
			.body(Lease.class), request.username());
	}

	private void joinToken(HttpHeaders headers) {
		if (this.joinToken != null) {
			headers.setBearerAuth(this.joinToken);
		}
	}

	Lease renew(String peerId, String token) {
		return call(() -> this.http.put()
			.uri("/peers/{id}/lease", peerId)
			.header("Authorization", "Bearer " + token)
			.retrieve()
			.body(Lease.class), "");
	}

	TrackerPeer rename(String peerId, String token, String username) {
		return call(() -> this.http.patch()
			.uri("/peers/{id}", peerId)
			.header("Authorization", "Bearer " + token)
			.body(Map.of("username", username))
			.retrieve()
			.body(TrackerPeer.class), username);
	}

	void delete(String peerId, String token) {
		call(() -> this.http.delete()
			.uri("/peers/{id}", peerId)
			.header("Authorization", "Bearer " + token)
			.retrieve()
			.toBodilessEntity(), "");
	}

	/** Every live peer, this one included. */
	public List<TrackerPeer> list() {
		return call(() -> this.http.get().uri("/peers").headers(this::joinToken).retrieve().body(PEER_LIST), "");
	}

	private static <T> T call(Supplier<T> request, String username) {
		try {
			T result = request.get();
			if (result == null) {
				throw new TrackerUnavailableException("empty answer from the tracker", null);
			}
			return result;
		}
		catch (ResourceAccessException ex) {
			// a refused connection's ConnectException carries no message: name the cause
			Throwable cause = ex.getMostSpecificCause();
			String reason = (cause.getMessage() != null) ? cause.getMessage() : cause.getClass().getSimpleName();
			throw new TrackerUnavailableException("tracker unreachable: " + reason, ex);
		}
		catch (HttpStatusCodeException ex) {
			throw translate(ex, username);
		}
	}

	private static RuntimeException translate(HttpStatusCodeException ex, String username) {
		var status = ex.getStatusCode();
		if (status.isSameCodeAs(HttpStatus.CONFLICT)) {
			// the tracker keeps a departed peer's name for its key for a while
			return new NameTakenException(username, ex.getResponseBodyAsString().contains("urn:p2pchat:name-reserved"));
		}
		if (status.isSameCodeAs(HttpStatus.NOT_FOUND) || status.isSameCodeAs(HttpStatus.UNAUTHORIZED)
				|| status.isSameCodeAs(HttpStatus.FORBIDDEN)) {
			return new LeaseLostException("tracker answered " + status.value());
		}
		if (status.is4xxClientError()) {
			return new IllegalStateException("tracker rejected the request: " + ex.getResponseBodyAsString());
		}
		return new TrackerUnavailableException("tracker answered " + status.value(), ex);
	}

}
