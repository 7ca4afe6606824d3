package dev.p2pchat.tracker.identity;

/**
 * A registration whose proof is refused: a 4xx naming the field, nothing changed.
 */
public class InvalidProofException extends RuntimeException {

	private final Reason reason;

	InvalidProofException(Reason reason, String message) {
		super(message);
		this.reason = reason;
	}

	public Reason reason() {
		return this.reason;
	}

	/** What was wrong, and with which field. */
	public enum Reason {

		/**
		 * {@code publicKey} is not 32 bytes of canonical base64url, or not a canonical
		 * Ed25519 key of large order.
		 */
		INVALID_KEY("invalid-key", "publicKey"),

		/** {@code peerId} is not the key's. */
		WRONG_PEER_ID("wrong-peer-id", "peerId"),

		/** {@code timestamp} is not an ISO-8601 UTC instant. */
		INVALID_TIMESTAMP("invalid-timestamp", "timestamp"),

		/** {@code timestamp} is more than the allowed skew from the tracker's clock. */
		STALE_TIMESTAMP("stale-timestamp", "timestamp"),

		/** {@code signature} is not a valid signature of the fields by the key. */
		BAD_SIGNATURE("bad-signature", "signature"),

		/** {@code signature} has been accepted before. */
		REPLAYED("replayed-signature", "signature");

		private final String type;

		private final String field;

		Reason(String type, String field) {
			this.type = type;
			this.field = field;
		}

		/**
		 * The last part of the problem type, {@code urn:p2pchat:<type>}.
		 * @return the type name
		 */
		public String type() {
			return this.type;
		}

		/**
		 * The request field at fault.
		 * @return the field name
		 */
		public String field() {
			return this.field;
		}

	}

}
