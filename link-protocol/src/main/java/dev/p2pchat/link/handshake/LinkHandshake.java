package dev.p2pchat.link.handshake;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

import javax.crypto.KDF;
import javax.crypto.spec.HKDFParameterSpec;

import org.jspecify.annotations.Nullable;

import dev.p2pchat.link.identity.Identity;
import dev.p2pchat.link.identity.PublicIdentity;

/**
 * The link handshake of protocol version 3, modelled on the Noise XX pattern: both sides
 * send a fresh 32-byte challenge and an ephemeral X25519 key; from their shared secret
 * and the transcript hash each side's identity (its Ed25519 key, its signature over the
 * transcript, its username, URL and stream epoch) is sent sealed, and the per-direction
 * frame keys are derived with HKDF-SHA256 over the whole transcript. See
 * {@code docs/protocol.md} for the byte layout and
 * {@code docs/decisions/0005-link-protocol-module.md} for why it is not Noise itself.
 * <p>
 * A state machine, as noise-java's {@code HandshakeState}: {@link #action()} says the
 * next step — {@link Action#WRITE_MESSAGE} ({@link #writeMessage()}),
 * {@link Action#READ_MESSAGE} ({@link #readMessage(byte[])}), {@link Action#SPLIT}
 * ({@link #split()} into the sealed channel), then {@link Action#COMPLETE}. The dialler
 * writes, reads, writes; the acceptor reads, writes, reads. A step out of turn, or a
 * message refused, leaves it {@link Action#FAILED} for good, with its secrets wiped.
 * {@link #hello}, {@link #answer}, {@link #finish} and {@link #complete} are the same
 * steps, two at a time, as the mesh calls them. One instance per link and side. Not
 * thread-safe.
 */
public final class LinkHandshake {

	/** The link protocol version this handshake speaks. */
	public static final int VERSION = 3;

	static final byte[] MAGIC = { 'p', '2', 'p', 'l' };

	static final int CHALLENGE_LENGTH = 32;

	static final int HEADER_LENGTH = MAGIC.length + 2;

	static final int HELLO_LENGTH = HEADER_LENGTH + CHALLENGE_LENGTH + Ephemeral.LENGTH;

	/** Longest identity details (username, URL, epoch) accepted, in bytes. */
	static final int MAX_DETAILS = 1024;

	/** Longest handshake message accepted, in bytes. */
	public static final int MAX_MESSAGE = HELLO_LENGTH + PublicIdentity.KEY_LENGTH + PublicIdentity.SIGNATURE_LENGTH
			+ MAX_DETAILS + Aead.TAG_LENGTH;

	static final byte HELLO = 1;

	static final byte ANSWER = 2;

	static final byte AUTH = 3;

	static final String PROTOCOL = "p2pchat-link-v3";

	private static final SecureRandom RANDOM = new SecureRandom();

	/** What a handshake does next. */
	public enum Action {

		/** {@link #writeMessage()}: this side sends the next message. */
		WRITE_MESSAGE,

		/** {@link #readMessage(byte[])}: this side waits for the other's next message. */
		READ_MESSAGE,

		/** {@link #split()}: both sides are authenticated; take the channel's keys. */
		SPLIT,

		/** Split: nothing more to do. */
		COMPLETE,

		/** A step was refused or out of turn: close the connection. */
		FAILED

	}

	private final Identity self;

	private final Details details;

	private final boolean dialler;

	private final Ephemeral ephemeral;

	private final byte[] challenge;

	private final Transcript transcript = new Transcript().add(PROTOCOL);

	private byte[] shared = new byte[0];

	private byte[] handshakeKeys = new byte[0];

	/** How many of the three messages were written or read. */
	private int messages;

	private boolean failed;

	private @Nullable Peer remote;

	LinkHandshake(Identity self, Details details, boolean dialler, byte[] challenge, Ephemeral ephemeral) {
		this.self = self;
		this.details = details;
		this.dialler = dialler;
		this.challenge = challenge;
		this.ephemeral = ephemeral;
	}

	private static LinkHandshake fresh(Identity self, Details details, boolean dialler) {
		byte[] challenge = new byte[CHALLENGE_LENGTH];
		RANDOM.nextBytes(challenge);
		return new LinkHandshake(self, details, dialler, challenge, Ephemeral.generate());
	}

	/** The dialling side's handshake: it writes first. */
	public static LinkHandshake dialler(Identity self, Details details) {
		return fresh(self, details, true);
	}

	/** The accepting side's handshake: it reads first. */
	public static LinkHandshake acceptor(Identity self, Details details) {
		return fresh(self, details, false);
	}

	/** The next step. */
	public Action action() {
		if (this.failed) {
			return Action.FAILED;
		}
		return switch (this.messages) {
			case 3 -> Action.SPLIT;
			case 4 -> Action.COMPLETE;
			// the dialler writes messages 1 and 3, the acceptor message 2
			default -> ((this.messages % 2 == 0) == this.dialler) ? Action.WRITE_MESSAGE : Action.READ_MESSAGE;
		};
	}

	/**
	 * The other side, once its identity has been read and verified.
	 * @return the authenticated peer, or {@code null} before
	 */
	public @Nullable Peer remote() {
		return this.remote;
	}

	/**
	 * Writes this side's next message.
	 * @throws IllegalStateException when it is not this side's turn to write (the
	 * handshake then fails)
	 */
	public byte[] writeMessage() {
		expect(Action.WRITE_MESSAGE);
		byte[] message = switch (this.messages) {
			case 0 -> writeHello();
			case 1 -> writeAnswer();
			default -> writeAuth();
		};
		this.messages++;
		return message;
	}

	/**
	 * Reads the other side's next message and checks it.
	 * @throws SealException when it is refused (the handshake then fails)
	 * @throws IllegalStateException when it is not this side's turn to read (the
	 * handshake then fails)
	 */
	public void readMessage(byte[] message) throws SealException {
		expect(Action.READ_MESSAGE);
		try {
			switch (this.messages) {
				case 0 -> readHello(message);
				case 1 -> readAnswer(message);
				default -> readAuth(message);
			}
		}
		catch (SealException | RuntimeException ex) {
			fail();
			throw ex;
		}
		this.messages++;
	}

	/**
	 * Splits the completed handshake into the sealed channel: this side's sealer and
	 * opener, each with its own direction's key. Wipes the handshake's secrets.
	 * @throws IllegalStateException unless {@link #action()} is {@link Action#SPLIT}
	 */
	public Session split() {
		expect(Action.SPLIT);
		Peer peer = this.remote;
		if (peer == null) {
			fail();
			throw new IllegalStateException("split before the other side was authenticated");
		}
		byte[] keys = hkdf(this.shared, this.transcript.hash(), PROTOCOL + " session keys");
		var toAcceptor = Aead.key(keys, 0);
		var toDialler = Aead.key(keys, Aead.KEY_LENGTH);
		wipe();
		Arrays.fill(keys, (byte) 0);
		this.messages++;
		return this.dialler ? new Session(peer, new FrameSealer(toAcceptor), new FrameOpener(toDialler))
				: new Session(peer, new FrameSealer(toDialler), new FrameOpener(toAcceptor));
	}

	/** Dialler, first message: challenge and ephemeral key. */
	public byte[] hello() {
		return writeMessage();
	}

	/**
	 * Acceptor: reads the dialler's hello and answers with its own challenge, ephemeral
	 * key and sealed identity.
	 */
	public byte[] answer(byte[] hello) throws SealException {
		requireSide(false);
		readMessage(hello);
		return writeMessage();
	}

	/**
	 * Dialler: reads the acceptor's answer, checks its identity and returns the last
	 * message, with the frame keys.
	 * @return the acceptor, and the auth message to send before any sealed frame
	 */
	public Finished finish(byte[] answer) throws SealException {
		requireSide(true);
		readMessage(answer);
		byte[] auth = writeMessage();
		return new Finished(auth, split());
	}

	/** Acceptor: reads the dialler's auth message and checks its identity. */
	public Session complete(byte[] auth) throws SealException {
		requireSide(false);
		readMessage(auth);
		return split();
	}

	private byte[] writeHello() {
		byte[] hello = open(HELLO);
		this.transcript.add(hello);
		return hello;
	}

	private void readHello(byte[] hello) throws SealException {
		checkHeader(hello, HELLO);
		if (hello.length != HELLO_LENGTH) {
			throw new SealException("hello has " + hello.length + " bytes, not " + HELLO_LENGTH);
		}
		this.transcript.add(hello);
		this.shared = this.ephemeral.agree(Arrays.copyOfRange(hello, HEADER_LENGTH + CHALLENGE_LENGTH, HELLO_LENGTH));
	}

	private byte[] writeAnswer() {
		byte[] open = open(ANSWER);
		this.transcript.add(open);
		byte[] h1 = this.transcript.hash();
		this.handshakeKeys = hkdf(this.shared, h1, PROTOCOL + " handshake keys");
		byte[] sealed = Aead.seal(Aead.key(this.handshakeKeys, 0), h1, identity("acceptor", h1));
		this.transcript.add(sealed);
		return concat(open, sealed);
	}

	private void readAnswer(byte[] answer) throws SealException {
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
		this.remote = verify("acceptor", h1, Aead.open(Aead.key(this.handshakeKeys, 0), h1, sealed, 0));
		this.transcript.add(sealed);
	}

	private byte[] writeAuth() {
		byte[] h2 = this.transcript.hash();
		byte[] sealed = Aead.seal(Aead.key(this.handshakeKeys, Aead.KEY_LENGTH), h2, identity("dialler", h2));
		this.transcript.add(sealed);
		return concat(header(AUTH, HEADER_LENGTH), sealed);
	}

	private void readAuth(byte[] auth) throws SealException {
		checkHeader(auth, AUTH);
		byte[] h2 = this.transcript.hash();
		this.remote = verify("dialler", h2,
				Aead.open(Aead.key(this.handshakeKeys, Aead.KEY_LENGTH), h2, auth, HEADER_LENGTH));
		this.transcript.add(Arrays.copyOfRange(auth, HEADER_LENGTH, auth.length));
	}

	/** A hello or the open part of an answer: header, challenge, ephemeral key. */
	private byte[] open(byte type) {
		byte[] message = header(type, HELLO_LENGTH);
		System.arraycopy(this.challenge, 0, message, HEADER_LENGTH, CHALLENGE_LENGTH);
		System.arraycopy(this.ephemeral.publicKey(), 0, message, HEADER_LENGTH + CHALLENGE_LENGTH, Ephemeral.LENGTH);
		return message;
	}

	/** This side's identity payload: key, signature, details. */
	private byte[] identity(String role, byte[] hash) {
		byte[] key = this.self.publicIdentity().raw();
		byte[] details = this.details.encode();
		byte[] signature = this.self.sign(signed(role, hash, key, details));
		return concat(concat(key, signature), details);
	}

	private static Peer verify(String role, byte[] hash, byte[] payload) throws SealException {
		int keyEnd = PublicIdentity.KEY_LENGTH;
		int signatureEnd = keyEnd + PublicIdentity.SIGNATURE_LENGTH;
		if (payload.length < signatureEnd + 1) {
			throw new SealException(role + " identity too short");
		}
		byte[] key = Arrays.copyOf(payload, keyEnd);
		byte[] signature = Arrays.copyOfRange(payload, keyEnd, signatureEnd);
		byte[] details = Arrays.copyOfRange(payload, signatureEnd, payload.length);
		PublicIdentity identity;
		try {
			identity = PublicIdentity.of(key);
		}
		catch (IllegalArgumentException ex) {
			throw new SealException(role + " key refused: " + ex.getMessage());
		}
		if (!identity.verifies(signed(role, hash, key, details), signature)) {
			throw new SealException(role + " signature does not verify");
		}
		return new Peer(identity, Details.decode(details));
	}

	static byte[] signed(String role, byte[] hash, byte[] key, byte[] details) {
		return new Transcript().add(PROTOCOL + " " + role).add(hash).add(key).add(details).hash();
	}

	static byte[] hkdf(byte[] secret, byte[] salt, String info) {
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

	private void expect(Action action) {
		Action next = action();
		if (next != action) {
			fail();
			throw new IllegalStateException(
					"handshake step out of order: " + action + " while the next step is " + next);
		}
	}

	private void requireSide(boolean dialling) {
		if (this.dialler != dialling) {
			fail();
			throw new IllegalStateException("handshake step out of order: " + (dialling ? "dialler" : "acceptor")
					+ " step on the " + (this.dialler ? "dialler" : "acceptor"));
		}
	}

	private void fail() {
		this.failed = true;
		wipe();
	}

	private void wipe() {
		Arrays.fill(this.shared, (byte) 0);
		Arrays.fill(this.handshakeKeys, (byte) 0);
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
			throw new SealException(
					"unsupported protocol version " + message[MAGIC.length] + " (this peer speaks " + VERSION + ")");
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
