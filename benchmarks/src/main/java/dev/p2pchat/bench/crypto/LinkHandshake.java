package dev.p2pchat.bench.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

import javax.crypto.KDF;
import javax.crypto.spec.HKDFParameterSpec;

/**
 * The link handshake of protocol version 2, modelled on the Noise XX pattern: both sides
 * send a fresh 32-byte challenge and an ephemeral X25519 key; from their shared secret
 * and the transcript hash each side's identity (its Ed25519 key, its signature over the
 * transcript, its username, URL and stream epoch) is sent sealed, and the per-direction
 * frame keys are derived with HKDF-SHA256 over the whole transcript. See
 * {@code docs/protocol.md} for the byte layout.
 * <p>
 * One instance per link and side; steps are called in order ({@link #hello} by the
 * dialler, {@link #answer} by the acceptor, {@link #finish} by the dialler,
 * {@link #complete} by the acceptor). Any step that fails leaves the handshake failed.
 * Not thread-safe.
 */
public final class LinkHandshake {

	/** The link protocol version this handshake speaks. */
	public static final int VERSION = 2;

	static final byte[] MAGIC = { 'p', '2', 'p', 'l' };

	static final int CHALLENGE_LENGTH = 32;

	static final int HEADER_LENGTH = MAGIC.length + 2;

	static final int HELLO_LENGTH = HEADER_LENGTH + CHALLENGE_LENGTH + Ephemeral.LENGTH;

	/** Longest identity details (username, URL, epoch) accepted, in bytes. */
	static final int MAX_DETAILS = 1024;

	/** Longest handshake message accepted, in bytes. */
	public static final int MAX_MESSAGE = HELLO_LENGTH + PublicIdentity.KEY_LENGTH + 64 + MAX_DETAILS + Aead.TAG_LENGTH;

	static final byte HELLO = 1;

	static final byte ANSWER = 2;

	static final byte AUTH = 3;

	private static final String PROTOCOL = "p2pchat-link-v2";

	private static final SecureRandom RANDOM = new SecureRandom();

	private final Identity self;

	private final Details details;

	private final boolean dialler;

	private final Ephemeral ephemeral = new Ephemeral();

	private final byte[] challenge = new byte[CHALLENGE_LENGTH];

	private final Transcript transcript = new Transcript().add(PROTOCOL);

	private byte[] shared = new byte[0];

	private byte[] handshakeKeys = new byte[0];

	private int step;

	private LinkHandshake(Identity self, Details details, boolean dialler) {
		this.self = self;
		this.details = details;
		this.dialler = dialler;
		RANDOM.nextBytes(this.challenge);
	}

	/** The dialling side's handshake. */
	public static LinkHandshake dialler(Identity self, Details details) {
		return new LinkHandshake(self, details, true);
	}

	/** The accepting side's handshake. */
	public static LinkHandshake acceptor(Identity self, Details details) {
		return new LinkHandshake(self, details, false);
	}

	/** Dialler, first message: challenge and ephemeral key. */
	public byte[] hello() {
		expect(true, 0);
		byte[] hello = header(HELLO, HELLO_LENGTH);
		System.arraycopy(this.challenge, 0, hello, HEADER_LENGTH, CHALLENGE_LENGTH);
		System.arraycopy(this.ephemeral.publicKey(), 0, hello, HEADER_LENGTH + CHALLENGE_LENGTH, Ephemeral.LENGTH);
		this.transcript.add(hello);
		this.step = 1;
		return hello;
	}

	/**
	 * Acceptor: reads the dialler's hello and answers with its own challenge, ephemeral
	 * key and sealed identity.
	 */
	public byte[] answer(byte[] hello) throws SealException {
		expect(false, 0);
		this.step = -1;
		checkHeader(hello, HELLO);
		if (hello.length != HELLO_LENGTH) {
			throw new SealException("hello has " + hello.length + " bytes, not " + HELLO_LENGTH);
		}
		this.transcript.add(hello);
		byte[] theirs = Arrays.copyOfRange(hello, HEADER_LENGTH + CHALLENGE_LENGTH, HELLO_LENGTH);
		this.shared = this.ephemeral.agree(theirs);
		byte[] open = header(ANSWER, HELLO_LENGTH);
		System.arraycopy(this.challenge, 0, open, HEADER_LENGTH, CHALLENGE_LENGTH);
		System.arraycopy(this.ephemeral.publicKey(), 0, open, HEADER_LENGTH + CHALLENGE_LENGTH, Ephemeral.LENGTH);
		this.transcript.add(open);
		byte[] h1 = this.transcript.hash();
		this.handshakeKeys = hkdf(this.shared, h1, PROTOCOL + " handshake keys");
		byte[] sealed = Aead.seal(Aead.key(this.handshakeKeys, 0), h1, identity("acceptor", h1));
		this.transcript.add(sealed);
		this.step = 1;
		return concat(open, sealed);
	}

	/**
	 * Dialler: reads the acceptor's answer, checks its identity and returns the last
	 * message, with the frame keys.
	 * @return the acceptor, and the auth message to send before any sealed frame
	 */
	public Finished finish(byte[] answer) throws SealException {
		expect(true, 1);
		this.step = -1;
		checkHeader(answer, ANSWER);
		if (answer.length <= HELLO_LENGTH) {
			throw new SealException("answer too short");
		}
		byte[] open = Arrays.copyOf(answer, HELLO_LENGTH);
		byte[] sealed = Arrays.copyOfRange(answer, HELLO_LENGTH, answer.length);
		this.shared = this.ephemeral.agree(Arrays.copyOfRange(open, HEADER_LENGTH + CHALLENGE_LENGTH, HELLO_LENGTH));
		this.transcript.add(open);
		byte[] h1 = this.transcript.hash();
		this.handshakeKeys = hkdf(this.shared, h1, PROTOCOL + " handshake keys");
		Peer acceptor = verify("acceptor", h1, Aead.open(Aead.key(this.handshakeKeys, 0), h1, sealed, 0));
		this.transcript.add(sealed);
		byte[] h2 = this.transcript.hash();
		byte[] mine = Aead.seal(Aead.key(this.handshakeKeys, Aead.KEY_LENGTH), h2, identity("dialler", h2));
		this.transcript.add(mine);
		this.step = 2;
		return new Finished(concat(header(AUTH, HEADER_LENGTH), mine), session(acceptor));
	}

	/** Acceptor: reads the dialler's auth message and checks its identity. */
	public Session complete(byte[] auth) throws SealException {
		expect(false, 1);
		this.step = -1;
		checkHeader(auth, AUTH);
		byte[] h2 = this.transcript.hash();
		Peer dialler = verify("dialler", h2,
				Aead.open(Aead.key(this.handshakeKeys, Aead.KEY_LENGTH), h2, auth, HEADER_LENGTH));
		this.transcript.add(Arrays.copyOfRange(auth, HEADER_LENGTH, auth.length));
		this.step = 2;
		return session(dialler);
	}

	private Session session(Peer peer) {
		byte[] keys = hkdf(this.shared, this.transcript.hash(), PROTOCOL + " session keys");
		var toAcceptor = Aead.key(keys, 0);
		var toDialler = Aead.key(keys, Aead.KEY_LENGTH);
		Arrays.fill(keys, (byte) 0);
		Arrays.fill(this.shared, (byte) 0);
		Arrays.fill(this.handshakeKeys, (byte) 0);
		return this.dialler ? new Session(peer, new FrameSealer(toAcceptor), new FrameOpener(toDialler))
				: new Session(peer, new FrameSealer(toDialler), new FrameOpener(toAcceptor));
	}

	/** This side's identity payload: key, signature, details. */
	private byte[] identity(String role, byte[] hash) {
		byte[] key = this.self.publicIdentity().raw();
		byte[] details = this.details.encode();
		byte[] signature = this.self.sign(signed(role, hash, key, details));
		return concat(concat(key, signature), details);
	}

	private static Peer verify(String role, byte[] hash, byte[] payload) throws SealException {
		if (payload.length < PublicIdentity.KEY_LENGTH + 64 + 1) {
			throw new SealException(role + " identity too short");
		}
		byte[] key = Arrays.copyOf(payload, PublicIdentity.KEY_LENGTH);
		byte[] signature = Arrays.copyOfRange(payload, PublicIdentity.KEY_LENGTH, PublicIdentity.KEY_LENGTH + 64);
		byte[] details = Arrays.copyOfRange(payload, PublicIdentity.KEY_LENGTH + 64, payload.length);
		PublicIdentity identity;
		try {
			identity = PublicIdentity.of(key);
		}
		catch (IllegalArgumentException ex) {
			throw new SealException(role + " key is not an Ed25519 key");
		}
		if (!identity.verifies(signed(role, hash, key, details), signature)) {
			throw new SealException(role + " signature does not verify");
		}
		return new Peer(identity, Details.decode(details));
	}

	private static byte[] signed(String role, byte[] hash, byte[] key, byte[] details) {
		return new Transcript().add(PROTOCOL + " " + role).add(hash).add(key).add(details).hash();
	}

	private static byte[] hkdf(byte[] secret, byte[] salt, String info) {
		try {
			return KDF.getInstance("HKDF-SHA256")
				.deriveData(HKDFParameterSpec.ofExtract()
					.addIKM(secret)
					.addSalt(salt)
					.thenExpand(info.getBytes(StandardCharsets.UTF_8), 2 * Aead.KEY_LENGTH));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void expect(boolean dialling, int step) {
		if (this.dialler != dialling || this.step != step) {
			throw new IllegalStateException("handshake step out of order");
		}
	}

	private static byte[] header(byte type, int length) {
		byte[] message = new byte[length];
		System.arraycopy(MAGIC, 0, message, 0, MAGIC.length);
		message[MAGIC.length] = VERSION;
		message[MAGIC.length + 1] = type;
		return message;
	}

	private static void checkHeader(byte[] message, byte type) throws SealException {
		if (message.length < HEADER_LENGTH || !Arrays.equals(message, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
			throw new SealException("not a link handshake message");
		}
		if (message[MAGIC.length] != VERSION) {
			throw new SealException("unsupported protocol version " + message[MAGIC.length]);
		}
		if (message[MAGIC.length + 1] != type) {
			throw new SealException("unexpected handshake message " + message[MAGIC.length + 1]);
		}
		if (message.length > MAX_MESSAGE) {
			throw new SealException("handshake message too long");
		}
	}

	private static byte[] concat(byte[] a, byte[] b) {
		byte[] both = Arrays.copyOf(a, a.length + b.length);
		System.arraycopy(b, 0, both, a.length, b.length);
		return both;
	}

	/**
	 * What each side tells the other about itself, besides its key.
	 *
	 * @param username its username
	 * @param url its advertised base URL
	 * @param epoch its outgoing stream's epoch
	 */
	public record Details(String username, String url, String epoch) {

		public Details {
			for (String part : new String[] { username, url, epoch }) {
				if (part == null || part.isEmpty() || part.indexOf('\n') >= 0) {
					throw new IllegalArgumentException("details must be non-empty single lines");
				}
			}
		}

		byte[] encode() {
			byte[] bytes = (this.username + "\n" + this.url + "\n" + this.epoch).getBytes(StandardCharsets.UTF_8);
			if (bytes.length > MAX_DETAILS) {
				throw new IllegalArgumentException("details longer than " + MAX_DETAILS + " bytes");
			}
			return bytes;
		}

		static Details decode(byte[] bytes) throws SealException {
			if (bytes.length > MAX_DETAILS) {
				throw new SealException("identity details too long");
			}
			String[] parts = new String(bytes, StandardCharsets.UTF_8).split("\n", -1);
			if (parts.length != 3) {
				throw new SealException("identity details not valid");
			}
			try {
				return new Details(parts[0], parts[1], parts[2]);
			}
			catch (RuntimeException ex) {
				throw new SealException("identity details not valid");
			}
		}

	}

	/**
	 * The other side, authenticated.
	 *
	 * @param identity its identity key (and peerId)
	 * @param details its username, URL and epoch, as it signed them
	 */
	public record Peer(PublicIdentity identity, Details details) {

	}

	/**
	 * A completed handshake: who is on the other side, and this side's frame keys.
	 *
	 * @param peer the other side
	 * @param sealer seals the frames this side sends
	 * @param opener opens the frames this side receives
	 */
	public record Session(Peer peer, FrameSealer sealer, FrameOpener opener) {

	}

	/**
	 * The dialler's completed handshake.
	 *
	 * @param auth the last handshake message, to send before any sealed frame
	 * @param session the session
	 */
	public record Finished(byte[] auth, Session session) {

	}

}
