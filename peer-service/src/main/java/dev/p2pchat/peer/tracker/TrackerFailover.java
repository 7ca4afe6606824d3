package dev.p2pchat.peer.tracker;

import java.io.IOException;
import java.net.URI;
import java.util.List;

import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.support.HttpRequestWrapper;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Sends each request of {@link TrackerClient} to the first of the {@link TrackerUrls}
 * candidates that answers: a URL that cannot be reached or answers 5xx is marked failed
 * and the same request goes to the next one. A 4xx is an answer (the replicas share one
 * directory) and is returned as is; so is the last candidate's 5xx or failure.
 */
final class TrackerFailover implements ClientHttpRequestInterceptor {

	private final TrackerUrls urls;

	TrackerFailover(TrackerUrls urls) {
		this.urls = urls;
	}

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		List<URI> candidates = this.urls.candidates();
		for (int i = 0; i < candidates.size(); i++) {
			URI base = candidates.get(i);
			boolean last = i == candidates.size() - 1;
			try {
				ClientHttpResponse response = execution.execute(onto(request, base), body);
				if (!response.getStatusCode().is5xxServerError()) {
					this.urls.succeeded(base);
					return response;
				}
				this.urls.failed(base);
				if (last) {
					return response;
				}
				discard(response);
			}
			catch (IOException ex) {
				this.urls.failed(base);
				if (last) {
					throw ex;
				}
			}
		}
		throw new IOException("no tracker URL");
	}

	/** Reads a refused answer to its end, so that its connection can be reused. */
	private static void discard(ClientHttpResponse response) {
		try (response; var body = response.getBody()) {
			body.transferTo(java.io.OutputStream.nullOutputStream());
		}
		catch (IOException ex) {
			// the next URL is tried all the same
		}
	}

	/** The request with its scheme, host and port of the given base URL. */
	private static HttpRequest onto(HttpRequest request, URI base) {
		URI uri = UriComponentsBuilder.fromUri(request.getURI())
			.scheme(base.getScheme())
			.host(base.getHost())
			.port(base.getPort())
			.build(true)
			.toUri();
		return new HttpRequestWrapper(request) {

			@Override
			public URI getURI() {
				return uri;
			}

		};
	}

}
