package dev.p2pchat.link.handshake;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import dev.p2pchat.link.identity.Identity;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class LinkHandshakeTests {

	private final Identity alice = Identity.generate();

	private final Identity bob = Identity.generate();

	private final LinkHandshake.Details aliceDetails = new LinkHandshake.Details("alice", "http://a:1", "e-a");

	private final LinkHandshake.Details bobDetails = new LinkHandshake.Details("bob", "http://b:2", "e-b");

	@Test
	void handshakeWhenBothHonestAuthenticatesBothAndKeysMatch() throws Exception {
		var dialler = LinkHandshake.dialler(this.alice, this.aliceDetails);
		var acceptor = LinkHandshake.acceptor(this.bob, this.bobDetails);

		byte[] answer = acceptor.answer(dialler.hello());
		LinkHandshake.Finished finished = dialler.finish(answer);
		LinkHandshake.Session accepted = acceptor.complete(finished.auth());

		assertThat(finished.session().peer().identity()).isEqualTo(this.bob.publicIdentity());
		assertThat(finished.session().peer().details()).isEqualTo(this.bobDetails);
		assertThat(accepted.peer().identity()).isEqualTo(this.alice.publicIdentity());
		assertThat(accepted.peer().details()).isEqualTo(this.aliceDetails);
		byte[] text = "hello bob".getBytes(StandardCharsets.UTF_8);
		byte[] sealed = finished.session().sealer().seal(text);
		assertThat(accepted.opener().open(ByteBuffer.wrap(sealed))).isEqualTo(text);
		byte[] back = accepted.sealer().seal(text);
		assertThat(finished.session().opener().open(ByteBuffer.wrap(back))).isEqualTo(text);
		assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("hello bob");
	}

	@Test
	void answerWhenTheHelloIsOfVersion2RefusesItNamingBothVersions() {
		var dialler = LinkHandshake.dialler(this.alice, this.aliceDetails);
		var acceptor = LinkHandshake.acceptor(this.bob, this.bobDetails);
		byte[] hello = dialler.hello();
		hello[4] = 2;

		assertThatExceptionOfType(SealException.class).isThrownBy(() -> acceptor.answer(hello))
			.withMessage("unsupported protocol version 2 (this peer speaks 3)");
	}

	/** Every byte of the dialler's hello: challenge, ephemeral key, version, type. */
	@ParameterizedTest
	@ValueSource(ints = { 4, 5, 6, 20, 37, 38, 50, 69 })
	void finishWhenAHelloByteWasAlteredOnTheWayRefuses(int index) throws Exception {
		var dialler = LinkHandshake.dialler(this.alice, this.aliceDetails);
		var acceptor = LinkHandshake.acceptor(this.bob, this.bobDetails);
		byte[] hello = dialler.hello();
		hello[index] ^= 1;

		assertThatExceptionOfType(SealException.class).isThrownBy(() -> {
			byte[] answer = acceptor.answer(hello);
			acceptor.complete(dialler.finish(answer).auth());
		});
	}

	/** Every part of the answer: challenge, ephemeral, sealed identity, tag. */
	@ParameterizedTest
	@ValueSource(ints = { 5, 6, 10, 40, 69, 70, 100, 150, -1 })
	void finishWhenAnAnswerByteWasAlteredRefuses(int index) throws Exception {
		var dialler = LinkHandshake.dialler(this.alice, this.aliceDetails);
		var acceptor = LinkHandshake.acceptor(this.bob, this.bobDetails);
		byte[] answer = acceptor.answer(dialler.hello());
		answer[(index < 0) ? answer.length - 1 : index] ^= 1;

		assertThatExceptionOfType(SealException.class).isThrownBy(() -> dialler.finish(answer));
	}

	@ParameterizedTest
	@ValueSource(ints = { 5, 6, 10, 50, -1 })
	void completeWhenAnAuthByteWasAlteredRefuses(int index) throws Exception {
		var dialler = LinkHandshake.dialler(this.alice, this.aliceDetails);
		var acceptor = LinkHandshake.acceptor(this.bob, this.bobDetails);
		byte[] auth = dialler.finish(acceptor.answer(dialler.hello())).auth();
		auth[(index < 0) ? auth.length - 1 : index] ^= 1;

		assertThatExceptionOfType(SealException.class).isThrownBy(() -> acceptor.complete(auth));
	}

	@Test
	void completeWhenAuthIsReplayedFromAnEarlierHandshakeRefuses() throws Exception {
		var dialler = LinkHandshake.dialler(this.alice, this.aliceDetails);
		var first = LinkHandshake.acceptor(this.bob, this.bobDetails);
		byte[] hello = dialler.hello();
		byte[] auth = dialler.finish(first.answer(hello)).auth();
		var second = LinkHandshake.acceptor(this.bob, this.bobDetails);

		second.answer(hello);

		assertThatExceptionOfType(SealException.class).isThrownBy(() -> second.complete(auth))
			.withMessageContaining("failed authentication");
	}

	@Test
	void finishWhenAnswerIsReplayedToAFreshDiallerRefuses() throws Exception {
		var first = LinkHandshake.dialler(this.alice, this.aliceDetails);
		byte[] answer = LinkHandshake.acceptor(this.bob, this.bobDetails).answer(first.hello());
		var second = LinkHandshake.dialler(this.alice, this.aliceDetails);
		second.hello();

		assertThatExceptionOfType(SealException.class).isThrownBy(() -> second.finish(answer));
	}

	@Test
	void finishWhenAnswerIsSignedWithAnotherKeyRefuses() throws Exception {
		var dialler = LinkHandshake.dialler(this.alice, this.aliceDetails);
		byte[] hello = dialler.hello();
		var acceptor = LinkHandshake.acceptor(this.bob, this.bobDetails);
		byte[] answer = acceptor.answer(hello);
		// an acceptor that knows the ephemeral secret but signs with another key than it
		// claims: swap the claimed key inside a re-sealed identity is impossible without
		// the handshake key, so a different identity simply authenticates as itself
		var mallory = LinkHandshake.acceptor(Identity.generate(), this.bobDetails);
		byte[] forged = mallory.answer(hello);

		LinkHandshake.Finished finished = dialler.finish(forged);

		assertThat(finished.session().peer().identity()).isNotEqualTo(this.bob.publicIdentity());
		assertThat(answer).isNotEqualTo(forged);
	}

	@Test
	void completeWhenAuthIsFromAnotherHandshakeWithTheSameAcceptorRefuses() throws Exception {
		var acceptor = LinkHandshake.acceptor(this.bob, this.bobDetails);
		var honest = LinkHandshake.dialler(this.alice, this.aliceDetails);
		acceptor.answer(honest.hello());
		// mallory runs her own handshake with another acceptor and replays her auth here
		var mallory = LinkHandshake.dialler(Identity.generate(), this.aliceDetails);
		byte[] auth = mallory.finish(LinkHandshake.acceptor(this.bob, this.bobDetails).answer(mallory.hello())).auth();

		assertThatExceptionOfType(SealException.class).isThrownBy(() -> acceptor.complete(auth));
	}

	@Test
	void answerWhenEphemeralKeyIsOfSmallOrderRefuses() {
		var acceptor = LinkHandshake.acceptor(this.bob, this.bobDetails);
		byte[] hello = LinkHandshake.dialler(this.alice, this.aliceDetails).hello();
		Arrays.fill(hello, LinkHandshake.HEADER_LENGTH + LinkHandshake.CHALLENGE_LENGTH, hello.length, (byte) 0);

		assertThatExceptionOfType(SealException.class).isThrownBy(() -> acceptor.answer(hello));
	}

	@Test
	void answerWhenHelloIsTruncatedOrGarbageRefuses() {
		byte[] hello = LinkHandshake.dialler(this.alice, this.aliceDetails).hello();

		assertThatExceptionOfType(SealException.class).isThrownBy(
				() -> LinkHandshake.acceptor(this.bob, this.bobDetails).answer(Arrays.copyOf(hello, hello.length - 1)));
		assertThatExceptionOfType(SealException.class)
			.isThrownBy(() -> LinkHandshake.acceptor(this.bob, this.bobDetails).answer(new byte[3]));
		assertThatExceptionOfType(SealException.class)
			.isThrownBy(() -> LinkHandshake.acceptor(this.bob, this.bobDetails)
				.answer("{\"type\":\"hello\"}".getBytes(StandardCharsets.UTF_8)));
	}

	@Test
	void openWhenFramesAreReplayedReorderedTruncatedOrFlippedRefuses() throws Exception {
		LinkHandshake.Session[] pair = pair();
		FrameSealer sealer = pair[0].sealer();
		byte[] first = sealer.seal("one".getBytes(StandardCharsets.UTF_8));
		byte[] second = sealer.seal("two".getBytes(StandardCharsets.UTF_8));

		assertThatExceptionOfType(SealException.class)
			.isThrownBy(() -> pair()[1].opener().open(ByteBuffer.wrap(second)));
		FrameOpener opener = pair[1].opener();
		assertThat(opener.open(ByteBuffer.wrap(first))).asString(StandardCharsets.UTF_8).isEqualTo("one");
		assertThatExceptionOfType(SealException.class).isThrownBy(() -> opener.open(ByteBuffer.wrap(first)));
		assertThatExceptionOfType(SealException.class).as("after a failure the opener stays closed")
			.isThrownBy(() -> opener.open(ByteBuffer.wrap(second)));

	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 1, 2, 3, 10, 18 })
	void openWhenOneBitOfAFrameFlippedRefuses(int index) throws Exception {
		LinkHandshake.Session[] pair = pair();
		byte[] sealed = pair[0].sealer().seal("one".getBytes(StandardCharsets.UTF_8));
		sealed[index] ^= 0x40;

		assertThatExceptionOfType(SealException.class).isThrownBy(() -> pair[1].opener().open(ByteBuffer.wrap(sealed)));
	}

	@Test
	void openWhenFrameTruncatedRefuses() throws Exception {
		LinkHandshake.Session[] pair = pair();
		byte[] sealed = pair[0].sealer().seal("a longer frame".getBytes(StandardCharsets.UTF_8));

		assertThatExceptionOfType(SealException.class)
			.isThrownBy(() -> pair[1].opener().open(ByteBuffer.wrap(Arrays.copyOf(sealed, sealed.length - 1))));
	}

	@Test
	void openWhenSealedByTheOtherDirectionRefuses() throws Exception {
		LinkHandshake.Session[] pair = pair();
		byte[] mine = pair[0].sealer().seal("one".getBytes(StandardCharsets.UTF_8));

		assertThatExceptionOfType(SealException.class).isThrownBy(() -> pair[0].opener().open(ByteBuffer.wrap(mine)));
	}

	private LinkHandshake.Session[] pair() throws SealException {
		var dialler = LinkHandshake.dialler(this.alice, this.aliceDetails);
		var acceptor = LinkHandshake.acceptor(this.bob, this.bobDetails);
		LinkHandshake.Finished finished = dialler.finish(acceptor.answer(dialler.hello()));
		return new LinkHandshake.Session[] { finished.session(), acceptor.complete(finished.auth()) };
	}

}
