package dev.p2pchat.link.handshake;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import dev.p2pchat.link.handshake.LinkHandshake.Action;
import dev.p2pchat.link.identity.Identity;
import dev.p2pchat.link.identity.SmallOrderKeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The handshake as a state machine: the steps it announces, and that every refusal — a
 * step out of turn, a tampered message, a wrong key, a replay — leaves it failed. The
 * forged answers are re-sealed with the right handshake keys (known here from the fixed
 * ephemerals of {@link LinkHandshakeVectorTests}), so that only the check under test can
 * refuse them.
 */
class LinkHandshakeStateTests {

	private static final byte[] E_A = HexFormat.of()
		.parseHex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb");

	private static final Identity BOB = Identity
		.fromSeed(HexFormat.of().parseHex("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb"));

	private static final byte[] BOB_DETAILS = "bob\nhttp://127.0.0.1:8082\ne-bob".getBytes(StandardCharsets.UTF_8);

	@Test
	void actionWhenDiallingWritesReadsWritesThenSplits() throws Exception {
		var dialler = LinkHandshakeVectorTests.dialler();
		var acceptor = LinkHandshakeVectorTests.acceptor();

		assertThat(dialler.action()).isEqualTo(Action.WRITE_MESSAGE);
		assertThat(acceptor.action()).isEqualTo(Action.READ_MESSAGE);
		acceptor.readMessage(dialler.writeMessage());
		assertThat(dialler.action()).isEqualTo(Action.READ_MESSAGE);
		assertThat(acceptor.action()).isEqualTo(Action.WRITE_MESSAGE);
		dialler.readMessage(acceptor.writeMessage());
		assertThat(dialler.remote()).isNotNull();
		assertThat(acceptor.remote()).isNull();
		assertThat(dialler.action()).isEqualTo(Action.WRITE_MESSAGE);
		assertThat(acceptor.action()).isEqualTo(Action.READ_MESSAGE);
		acceptor.readMessage(dialler.writeMessage());
		assertThat(dialler.action()).isEqualTo(Action.SPLIT);
		assertThat(acceptor.action()).isEqualTo(Action.SPLIT);
		dialler.split();
		acceptor.split();

		assertThat(dialler.action()).isEqualTo(Action.COMPLETE);
		assertThat(acceptor.action()).isEqualTo(Action.COMPLETE);
		assertThatIllegalStateException().isThrownBy(dialler::split);
	}

	@Test
	void readMessageWhenItIsTheDiallersTurnToWriteFailsTheHandshake() {
		var dialler = LinkHandshakeVectorTests.dialler();

		assertThatIllegalStateException().isThrownBy(() -> dialler.readMessage(new byte[70]))
			.withMessageContaining("out of order");
		assertThat(dialler.action()).isEqualTo(Action.FAILED);
		assertThatIllegalStateException().isThrownBy(dialler::writeMessage);
	}

	@Test
	void writeMessageWhenTheAcceptorHasReadNothingFailsTheHandshake() {
		var acceptor = LinkHandshakeVectorTests.acceptor();

		assertThatIllegalStateException().isThrownBy(acceptor::writeMessage).withMessageContaining("out of order");
		assertThat(acceptor.action()).isEqualTo(Action.FAILED);
	}

	@Test
	void splitWhenTheHandshakeIsNotDoneFailsIt() throws Exception {
		var dialler = LinkHandshakeVectorTests.dialler();
		var acceptor = LinkHandshakeVectorTests.acceptor();
		acceptor.readMessage(dialler.writeMessage());

		assertThatIllegalStateException().isThrownBy(acceptor::split);
		assertThat(acceptor.action()).isEqualTo(Action.FAILED);
	}

	@Test
	void answerWhenCalledOnTheDiallerFailsIt() {
		var dialler = LinkHandshakeVectorTests.dialler();

		assertThatIllegalStateException().isThrownBy(() -> dialler.answer(new byte[70]));
		assertThat(dialler.action()).isEqualTo(Action.FAILED);
	}

	@Test
	void readMessageWhenATamperedMessageIsRefusedLeavesItFailedForGood() throws Exception {
		var dialler = LinkHandshakeVectorTests.dialler();
		var acceptor = LinkHandshakeVectorTests.acceptor();
		acceptor.readMessage(dialler.writeMessage());
		byte[] answer = acceptor.writeMessage();
		byte[] tampered = answer.clone();
		tampered[tampered.length - 1] ^= 1;

		assertThatExceptionOfType(SealException.class).isThrownBy(() -> dialler.readMessage(tampered))
			.withMessageContaining("failed authentication");
		assertThat(dialler.action()).isEqualTo(Action.FAILED);
		assertThatIllegalStateException().as("the untampered answer comes too late")
			.isThrownBy(() -> dialler.readMessage(answer));
		assertThat(dialler.remote()).isNull();
	}

	@Test
	void readMessageWhenTheAnswerIsHonestlyResealedAccepts() throws Exception {
		var dialler = LinkHandshakeVectorTests.dialler();
		byte[] hello = dialler.writeMessage();
		byte[] key = BOB.publicIdentity().raw();

		dialler.readMessage(forgedAnswer(hello, key, BOB.sign(signed(hello, key, "acceptor")), BOB_DETAILS));

		assertThat(dialler.remote()).isNotNull();
		assertThat(dialler.remote().identity()).isEqualTo(BOB.publicIdentity());
	}

	@Test
	void readMessageWhenTheAcceptorsSignatureIsAlteredRefuses() {
		var dialler = LinkHandshakeVectorTests.dialler();
		byte[] hello = dialler.writeMessage();
		byte[] key = BOB.publicIdentity().raw();
		byte[] signature = BOB.sign(signed(hello, key, "acceptor"));
		signature[10] ^= 1;

		assertThatExceptionOfType(SealException.class)
			.isThrownBy(() -> dialler.readMessage(forgedAnswer(hello, key, signature, BOB_DETAILS)))
			.withMessage("acceptor signature does not verify");
		assertThat(dialler.action()).isEqualTo(Action.FAILED);
	}

	@Test
	void readMessageWhenTheClaimedKeyIsNotTheSignersRefuses() {
		var dialler = LinkHandshakeVectorTests.dialler();
		byte[] hello = dialler.writeMessage();
		byte[] mallory = Identity.generate().publicIdentity().raw();
		// bob's signature over mallory's key: mallory claims an identity she cannot sign
		// for
		byte[] signature = BOB.sign(signed(hello, mallory, "acceptor"));

		assertThatExceptionOfType(SealException.class)
			.isThrownBy(() -> dialler.readMessage(forgedAnswer(hello, mallory, signature, BOB_DETAILS)))
			.withMessage("acceptor signature does not verify");
	}

	@Test
	void readMessageWhenTheSignatureIsOfTheOtherRoleRefuses() {
		var dialler = LinkHandshakeVectorTests.dialler();
		byte[] hello = dialler.writeMessage();
		byte[] key = BOB.publicIdentity().raw();

		assertThatExceptionOfType(SealException.class)
			.isThrownBy(() -> dialler
				.readMessage(forgedAnswer(hello, key, BOB.sign(signed(hello, key, "dialler")), BOB_DETAILS)))
			.withMessage("acceptor signature does not verify");
	}

	@Test
	void readMessageWhenTheIdentityKeyIsOfSmallOrderRefusesItBeforeAnySignature() {
		var dialler = LinkHandshakeVectorTests.dialler();
		byte[] hello = dialler.writeMessage();
		// the neutral element, with the signature (R = neutral, S = 0) that "verifies"
		// any
		// text under it with a cofactorless verifier
		byte[] neutral = HexFormat.of().parseHex(SmallOrderKeys.HEX.get(0));
		byte[] signature = SmallOrderKeys.forgedSignature();

		assertThatExceptionOfType(SealException.class)
			.isThrownBy(() -> dialler.readMessage(forgedAnswer(hello, neutral, signature, BOB_DETAILS)))
			.withMessageContaining("acceptor key refused")
			.withMessageContaining("small order");
	}

	@Test
	void readMessageWhenTheDetailsAreNotThreeLinesRefuses() {
		var dialler = LinkHandshakeVectorTests.dialler();
		byte[] hello = dialler.writeMessage();
		byte[] key = BOB.publicIdentity().raw();
		byte[] details = "bob\nhttp://127.0.0.1:8082".getBytes(StandardCharsets.UTF_8);

		assertThatExceptionOfType(SealException.class)
			.isThrownBy(() -> dialler
				.readMessage(forgedAnswer(hello, key, BOB.sign(signed(hello, key, "acceptor", details)), details)))
			.withMessage("identity details not valid");
	}

	@Test
	void readMessageWhenTheAnswerReflectsTheDiallersOwnHelloRefuses() {
		var dialler = LinkHandshakeVectorTests.dialler();
		byte[] hello = dialler.writeMessage();
		byte[] reflected = Arrays.copyOf(hello, hello.length + 200);
		reflected[5] = LinkHandshake.ANSWER;

		assertThatExceptionOfType(SealException.class).isThrownBy(() -> dialler.readMessage(reflected));
		assertThat(dialler.action()).isEqualTo(Action.FAILED);
	}

	@Test
	void readMessageWhenAnOldAnswerIsReplayedToANewChallengeRefuses() throws Exception {
		var first = LinkHandshakeVectorTests.dialler();
		var acceptor = LinkHandshakeVectorTests.acceptor();
		acceptor.readMessage(first.writeMessage());
		byte[] answer = acceptor.writeMessage();
		// the same dialler's identity and ephemeral, but a fresh challenge
		byte[] challenge = new byte[32];
		Arrays.fill(challenge, (byte) 7);
		var second = new LinkHandshake(Identity.generate(), new LinkHandshake.Details("alice", "http://a:1", "e"), true,
				challenge, Ephemeral
					.of(HexFormat.of().parseHex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a")));
		second.writeMessage();

		assertThatExceptionOfType(SealException.class).isThrownBy(() -> second.readMessage(answer))
			.withMessageContaining("failed authentication");
	}

	@Test
	void readMessageWhenAnAuthIsReplayedToANewAnswerRefuses() throws Exception {
		var dialler = LinkHandshakeVectorTests.dialler();
		var acceptor = LinkHandshakeVectorTests.acceptor();
		byte[] hello = dialler.writeMessage();
		acceptor.readMessage(hello);
		dialler.readMessage(acceptor.writeMessage());
		byte[] auth = dialler.writeMessage();
		// the replayed hello gets a fresh acceptor (new challenge and ephemeral)
		var again = LinkHandshake.acceptor(BOB, new LinkHandshake.Details("bob", "http://127.0.0.1:8082", "e-bob"));
		again.readMessage(hello);
		again.writeMessage();

		assertThatExceptionOfType(SealException.class).isThrownBy(() -> again.readMessage(auth))
			.withMessageContaining("failed authentication");
		assertThat(again.action()).isEqualTo(Action.FAILED);
	}

	/** What the acceptor of {@code hello} signs for {@code key} in {@code role}. */
	private static byte[] signed(byte[] hello, byte[] key, String role) {
		return signed(hello, key, role, BOB_DETAILS);
	}

	private static byte[] signed(byte[] hello, byte[] key, String role, byte[] details) {
		return LinkHandshake.signed(role, h1(hello), key, details);
	}

	private static byte[] h1(byte[] hello) {
		return new Transcript().add(LinkHandshake.PROTOCOL).add(hello).add(answerOpen()).hash();
	}

	private static byte[] answerOpen() {
		return Arrays.copyOf(HexFormat.of().parseHex(LinkHandshakeVectorTests.ANSWER), LinkHandshake.HELLO_LENGTH);
	}

	/** The fixed acceptor's answer with an identity payload of the test's choosing. */
	private static byte[] forgedAnswer(byte[] hello, byte[] key, byte[] signature, byte[] details)
			throws SealException {
		byte[] h1 = h1(hello);
		byte[] ee = Ephemeral.of(E_A)
			.agree(Arrays.copyOfRange(hello, LinkHandshake.HELLO_LENGTH - Ephemeral.LENGTH,
					LinkHandshake.HELLO_LENGTH));
		byte[] keys = LinkHandshake.hkdf(ee, h1, LinkHandshake.PROTOCOL + " handshake keys");
		byte[] payload = new byte[key.length + signature.length + details.length];
		System.arraycopy(key, 0, payload, 0, key.length);
		System.arraycopy(signature, 0, payload, key.length, signature.length);
		System.arraycopy(details, 0, payload, key.length + signature.length, details.length);
		byte[] sealed = Aead.seal(Aead.key(keys, 0), h1, payload);
		byte[] answer = Arrays.copyOf(answerOpen(), LinkHandshake.HELLO_LENGTH + sealed.length);
		System.arraycopy(sealed, 0, answer, LinkHandshake.HELLO_LENGTH, sealed.length);
		return answer;
	}

}
