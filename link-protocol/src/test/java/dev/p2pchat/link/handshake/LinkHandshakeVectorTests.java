package dev.p2pchat.link.handshake;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

import javax.crypto.Cipher;
import javax.crypto.KDF;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.HKDFParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import dev.p2pchat.link.identity.Identity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Known-answer vectors of link protocol 3, from fixed keys, challenges and ephemerals.
 * Each message is checked twice: against bytes built here straight from the layout in
 * {@code docs/protocol.md} with the JDK's primitives (not the handshake's code), and
 * against the hex pinned below, so that the two ends of a link cannot drift together
 * unnoticed: a change to the wire fails this test even when both sides change alike.
 * Identity keys are RFC 8032 §7.1 tests 1 and 2, ephemerals RFC 7748 §6.1's.
 */
class LinkHandshakeVectorTests {

	private static final HexFormat HEX = HexFormat.of();

	/** RFC 8032 §7.1 test 1: the dialler (alice). */
	private static final Identity ALICE = Identity
		.fromSeed(HEX.parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));

	/** RFC 8032 §7.1 test 2: the acceptor (bob). */
	private static final Identity BOB = Identity
		.fromSeed(HEX.parseHex("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb"));

	/** RFC 7748 §6.1, Alice's private key: the dialler's ephemeral. */
	private static final byte[] E_D = HEX.parseHex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");

	/** RFC 7748 §6.1, Bob's private key: the acceptor's ephemeral. */
	private static final byte[] E_A = HEX.parseHex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb");

	private static final LinkHandshake.Details ALICE_DETAILS = new LinkHandshake.Details("alice",
			"http://127.0.0.1:8081", "e-alice");

	private static final LinkHandshake.Details BOB_DETAILS = new LinkHandshake.Details("bob", "http://127.0.0.1:8082",
			"e-bob");

	/** Message 1, {@code hello}: 70 bytes. */
	static final String HELLO = "7032706c0301000102030405060708090a0b0c0d0e0f10111213141516171819"
			+ "1a1b1c1d1e1f8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4" + "a98eaa9b4e6a";

	/** Message 2, {@code answer}: 70 open bytes, then bob's sealed identity. */
	static final String ANSWER = "7032706c0302202122232425262728292a2b2c2d2e2f30313233343536373839"
			+ "3a3b3c3d3e3fde9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc"
			+ "7e146f882b4fcc90984a165b566b0fc35009a00109b62ba9c15ca8d84350fb5c"
			+ "154c44d1859a90d263de3908ca27bbfe7f43a6100517792f314040a2d478db4d"
			+ "38451d77098fa91dcce3a06b8be13aa7cd72a6f7cb9518ede2039f32c484b37c"
			+ "6721c47ee8b95db38de2de140a78ffb94a50e210b8e6d81750aa04dea0590489"
			+ "484a2602448b6e71360e3fffab75627accf4e0355f";

	/** Message 3, {@code auth}: header, then alice's sealed identity. */
	static final String AUTH = "7032706c03031aa39ec5dc23a2745f803b39a340defc1dbf4083f2ce1c4349b6"
			+ "7b870d760e141dd64d7a396580c913cf62039c56c512bbd9d53cd620e520e359"
			+ "f395f41d819ca761606a86d0209e2283cc4cce9d465a38051fecd44e8efeb2c8"
			+ "78e5ebc83073645960b9ea18b81915f3ae316b24b1a2f83833b5b89755f20054"
			+ "f09f4e579a37324be65e0082e95350a52e6874244ccb654a82";

	/**
	 * Dialler → acceptor frames 0 and 1 ("hello bob", "{}"), acceptor → dialler frame 0
	 * ("hi").
	 */
	static final String[] FRAMES = { "e3f298318bd613dd926ec76e57ce4393d2bd73cf24951496e6",
			"2e2c407376aea8162eea00978212769bbd64", "9e79b5833bb303a3754f3dbb547549f2bc6a" };

	@Test
	void fixedInputsWhenDerivedMatchTheirRfcPublicKeys() {
		assertThat(HEX.formatHex(ALICE.publicIdentity().raw()))
			.isEqualTo("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
		assertThat(HEX.formatHex(BOB.publicIdentity().raw()))
			.isEqualTo("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c");
		assertThat(HEX.formatHex(Ephemeral.of(E_D).publicKey()))
			.isEqualTo("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
		assertThat(HEX.formatHex(Ephemeral.of(E_A).publicKey()))
			.isEqualTo("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
	}

	@Test
	void handshakeWhenInputsAreFixedWritesTheDocumentedBytes() throws Exception {
		var dialler = dialler();
		var acceptor = acceptor();

		byte[] hello = dialler.writeMessage();
		acceptor.readMessage(hello);
		byte[] answer = acceptor.writeMessage();
		dialler.readMessage(answer);
		byte[] auth = dialler.writeMessage();
		acceptor.readMessage(auth);
		LinkHandshake.Session dialled = dialler.split();
		LinkHandshake.Session accepted = acceptor.split();

		var doc = new Documented();
		assertThat(HEX.formatHex(hello)).isEqualTo(HEX.formatHex(doc.hello)).isEqualTo(HELLO);
		assertThat(HEX.formatHex(answer)).isEqualTo(HEX.formatHex(doc.answer)).isEqualTo(ANSWER);
		assertThat(HEX.formatHex(auth)).isEqualTo(HEX.formatHex(doc.auth)).isEqualTo(AUTH);
		byte[] f0 = dialled.sealer().seal(utf8("hello bob"));
		byte[] f1 = dialled.sealer().seal(utf8("{}"));
		byte[] f2 = accepted.sealer().seal(utf8("hi"));
		assertThat(HEX.formatHex(f0)).isEqualTo(HEX.formatHex(doc.frame(doc.toAcceptor, 0, "hello bob")))
			.isEqualTo(FRAMES[0]);
		assertThat(HEX.formatHex(f1)).isEqualTo(HEX.formatHex(doc.frame(doc.toAcceptor, 1, "{}"))).isEqualTo(FRAMES[1]);
		assertThat(HEX.formatHex(f2)).isEqualTo(HEX.formatHex(doc.frame(doc.toDialler, 0, "hi"))).isEqualTo(FRAMES[2]);
		assertThat(accepted.opener().open(ByteBuffer.wrap(f0))).asString(StandardCharsets.UTF_8).isEqualTo("hello bob");
		assertThat(dialled.opener().open(ByteBuffer.wrap(f2))).asString(StandardCharsets.UTF_8).isEqualTo("hi");
		assertThat(accepted.peer().identity()).isEqualTo(ALICE.publicIdentity());
		assertThat(dialled.peer().details()).isEqualTo(BOB_DETAILS);
	}

	@Test
	void pinnedMessagesWhenReadByFixedSidesAuthenticateBoth() throws Exception {
		var acceptor = acceptor();
		acceptor.readMessage(HEX.parseHex(HELLO));
		assertThat(HEX.formatHex(acceptor.writeMessage())).isEqualTo(ANSWER);
		acceptor.readMessage(HEX.parseHex(AUTH));

		LinkHandshake.Session session = acceptor.split();

		assertThat(session.peer().identity().peerId()).isEqualTo(ALICE.peerId());
		assertThat(session.opener().open(ByteBuffer.wrap(HEX.parseHex(FRAMES[0])))).asString(StandardCharsets.UTF_8)
			.isEqualTo("hello bob");
	}

	static LinkHandshake dialler() {
		return new LinkHandshake(ALICE, ALICE_DETAILS, true, counting(0), Ephemeral.of(E_D));
	}

	static LinkHandshake acceptor() {
		return new LinkHandshake(BOB, BOB_DETAILS, false, counting(32), Ephemeral.of(E_A));
	}

	/** 32 bytes counting up from {@code first}: the fixed challenges 00…1f and 20…3f. */
	private static byte[] counting(int first) {
		byte[] bytes = new byte[32];
		for (int i = 0; i < bytes.length; i++) {
			bytes[i] = (byte) (first + i);
		}
		return bytes;
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * The same handshake built from docs/protocol.md alone: header {@code "p2pl"},
	 * version 3, type; {@code H} = SHA-256 over 4-byte big-endian length-prefixed parts;
	 * HKDF-SHA256 key schedule; AES-256-GCM with nonce = 4 zero bytes ‖ 64-bit big-endian
	 * counter.
	 */
	private static final class Documented {

		final byte[] hello;

		final byte[] answer;

		final byte[] auth;

		final byte[] toAcceptor;

		final byte[] toDialler;

		Documented() throws Exception {
			byte[] challengeD = counting(0);
			byte[] challengeA = counting(32);
			byte[] ephemeralD = HEX.parseHex("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
			byte[] ephemeralA = HEX.parseHex("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
			// RFC 7748 §6.1: the shared secret of the two ephemerals
			byte[] ee = HEX.parseHex("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
			this.hello = concat(header(1), challengeD, ephemeralD);
			byte[] answerOpen = concat(header(2), challengeA, ephemeralA);
			byte[] h1 = hash(utf8("p2pchat-link-v3"), this.hello, answerOpen);
			byte[] handshakeKeys = hkdf(ee, h1, "p2pchat-link-v3 handshake keys");
			byte[] keyA = BOB.publicIdentity().raw();
			byte[] detailsA = utf8("bob\nhttp://127.0.0.1:8082\ne-bob");
			byte[] identityA = concat(keyA, BOB.sign(hash(utf8("p2pchat-link-v3 acceptor"), h1, keyA, detailsA)),
					detailsA);
			byte[] sealedA = aesGcm(Arrays.copyOfRange(handshakeKeys, 0, 32), 0, h1, identityA);
			this.answer = concat(answerOpen, sealedA);
			byte[] h2 = hash(utf8("p2pchat-link-v3"), this.hello, answerOpen, sealedA);
			byte[] keyD = ALICE.publicIdentity().raw();
			byte[] detailsD = utf8("alice\nhttp://127.0.0.1:8081\ne-alice");
			byte[] identityD = concat(keyD, ALICE.sign(hash(utf8("p2pchat-link-v3 dialler"), h2, keyD, detailsD)),
					detailsD);
			byte[] sealedD = aesGcm(Arrays.copyOfRange(handshakeKeys, 32, 64), 0, h2, identityD);
			this.auth = concat(header(3), sealedD);
			byte[] h3 = hash(utf8("p2pchat-link-v3"), this.hello, answerOpen, sealedA, sealedD);
			byte[] sessionKeys = hkdf(ee, h3, "p2pchat-link-v3 session keys");
			this.toAcceptor = Arrays.copyOfRange(sessionKeys, 0, 32);
			this.toDialler = Arrays.copyOfRange(sessionKeys, 32, 64);
		}

		byte[] frame(byte[] key, long counter, String text) throws Exception {
			return aesGcm(key, counter, new byte[0], utf8(text));
		}

		private static byte[] header(int type) {
			return new byte[] { 'p', '2', 'p', 'l', 3, (byte) type };
		}

		private static byte[] hash(byte[]... parts) throws Exception {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			for (byte[] part : parts) {
				digest.update(ByteBuffer.allocate(4).putInt(part.length).array());
				digest.update(part);
			}
			return digest.digest();
		}

		private static byte[] hkdf(byte[] ikm, byte[] salt, String info) throws Exception {
			return KDF.getInstance("HKDF-SHA256")
				.deriveData(HKDFParameterSpec.ofExtract().addIKM(ikm).addSalt(salt).thenExpand(utf8(info), 64));
		}

		private static byte[] aesGcm(byte[] key, long counter, byte[] associated, byte[] plain) throws Exception {
			byte[] nonce = ByteBuffer.allocate(12).putInt(0).putLong(counter).array();
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
			cipher.updateAAD(associated);
			return cipher.doFinal(plain);
		}

		private static byte[] concat(byte[]... parts) {
			var out = ByteBuffer.allocate(Arrays.stream(parts).mapToInt((part) -> part.length).sum());
			for (byte[] part : parts) {
				out.put(part);
			}
			return out.array();
		}

	}

}
