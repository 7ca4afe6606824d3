package dev.p2pchat.peer.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import org.jspecify.annotations.Nullable;

import dev.p2pchat.peer.config.DataDirectory;

/**
 * The owner's token: the configured {@code p2pchat.peer.api-token}, else the one kept in
 * the data directory's {@code api-token} file, else a new random one (256 bits,
 * base64url) written there owner-only at first start. Compared in constant time; its
 * {@link #toString()} never shows it. Immutable.
 */
public final class ApiToken {

	static final String FILE = "api-token";

	private static final SecureRandom RANDOM = new SecureRandom();

	private final byte[] value;

	private final boolean generated;

	private ApiToken(String value, boolean generated) {
		this.value = value.getBytes(StandardCharsets.UTF_8);
		this.generated = generated;
	}

	static ApiToken of(@Nullable String configured, DataDirectory dataDir) {
		if (configured != null) {
			return new ApiToken(configured, false);
		}
		String kept = dataDir.read(FILE).map((bytes) -> new String(bytes, StandardCharsets.UTF_8).strip()).orElse("");
		if (!kept.isEmpty()) {
			return new ApiToken(kept, true);
		}
		byte[] random = new byte[32];
		RANDOM.nextBytes(random);
		String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
		dataDir.writeOwnerOnly(FILE, token.getBytes(StandardCharsets.UTF_8));
		return new ApiToken(token, true);
	}

	/** Whether the candidate is the token, in time independent of where they differ. */
	public boolean matches(@Nullable String candidate) {
		if (candidate == null) {
			return false;
		}
		return MessageDigest.isEqual(this.value, candidate.getBytes(StandardCharsets.UTF_8));
	}

	/** The token itself, for this peer's own clients (the terminal client). */
	public String value() {
		return new String(this.value, StandardCharsets.UTF_8);
	}

	/**
	 * Whether the token was made by the peer (not configured): its page address is
	 * logged.
	 */
	boolean generated() {
		return this.generated;
	}

	@Override
	public String toString() {
		return "ApiToken[hidden]";
	}

}
