package dev.p2pchat.tracker.web;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import dev.p2pchat.tracker.registry.PeerList;
import dev.p2pchat.tracker.registry.PeerRegistry;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * The body of {@code GET /peers} and its ETag, computed once per registry version and
 * served as the same bytes until the list changes.
 *
 * <p>
 * The ETag is a hash of the bytes, so it changes exactly when the body does (including a
 * renewal, which changes {@code renewedAt}) and is the same on every replica that holds
 * the same list. {@link PeerController} serves it and {@link NotModifiedFilter} answers
 * revalidations of it; both send {@link #CACHE_CONTROL}.
 */
@Component
class PeerListDocument {

	/** The {@code Cache-Control} of the list: any cache must revalidate. */
	static final String CACHE_CONTROL = "no-cache";

	private final PeerRegistry registry;

	private final JsonMapper json;

	private volatile @Nullable Rendered current;

	PeerListDocument(PeerRegistry registry, JsonMapper json) {
		this.registry = registry;
		this.json = json;
	}

	Rendered current() {
		PeerList list = this.registry.list();
		Rendered rendered = this.current;
		if (rendered == null || rendered.version() != list.version()) {
			byte[] body = this.json.writeValueAsBytes(list.peers());
			rendered = new Rendered(list.version(), body, etag(body));
			// a racing thread may store an older rendering; the next request renders
			// again
			this.current = rendered;
		}
		return rendered;
	}

	private static String etag(byte[] body) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
			return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 27) + "\"";
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
		}
	}

	/**
	 * One rendering.
	 *
	 * @param version the registry version rendered
	 * @param body the JSON array
	 * @param etag the strong ETag, quoted
	 */
	record Rendered(long version, byte[] body, String etag) {

	}

}
