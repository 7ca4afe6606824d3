package dev.p2pchat.link.handshake;

import java.nio.ByteBuffer;

import dev.p2pchat.link.identity.Identity;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Random bytes at each step of a link's input never crash the decoder (only its own
 * refusal is thrown) and never deliver anything.
 */
class FrameOpenerPropertyTests {

	private static final LinkHandshake.Details DETAILS = new LinkHandshake.Details("alice", "http://a:1", "e");

	private static final Identity ALICE = Identity.generate();

	private static final Identity BOB = Identity.generate();

	@Property(tries = 300)
	void openWhenGivenRandomBytesRefusesWithoutDelivering(@ForAll @Size(max = 2048) byte[] noise) throws Exception {
		var dialler = LinkHandshake.dialler(ALICE, DETAILS);
		var acceptor = LinkHandshake.acceptor(BOB, DETAILS);
		LinkHandshake.Finished finished = dialler.finish(acceptor.answer(dialler.hello()));
		FrameOpener opener = acceptor.complete(finished.auth()).opener();

		assertThatExceptionOfType(SealException.class).isThrownBy(() -> opener.open(ByteBuffer.wrap(noise)));
	}

	@Property(tries = 300)
	void answerWhenGivenRandomBytesRefusesWithoutCrashing(@ForAll @Size(max = 2048) byte[] noise) {
		var acceptor = LinkHandshake.acceptor(BOB, DETAILS);

		assertThatExceptionOfType(SealException.class).isThrownBy(() -> acceptor.answer(noise));
	}

	@Property(tries = 200)
	void finishAndCompleteWhenGivenRandomBytesRefuseWithoutCrashing(@ForAll @Size(max = 2048) byte[] noise)
			throws Exception {
		var dialler = LinkHandshake.dialler(ALICE, DETAILS);
		var acceptor = LinkHandshake.acceptor(BOB, DETAILS);
		byte[] hello = dialler.hello();
		acceptor.answer(hello);

		assertThatExceptionOfType(SealException.class).isThrownBy(() -> dialler.finish(noise));
		assertThatExceptionOfType(SealException.class).isThrownBy(() -> acceptor.complete(noise));
	}

	@Property(tries = 200)
	void openWhenOneByteOfARealFrameIsChangedRefuses(@ForAll @Size(min = 1, max = 512) byte[] plain,
			@ForAll int position, @ForAll byte delta) throws Exception {
		var dialler = LinkHandshake.dialler(ALICE, DETAILS);
		var acceptor = LinkHandshake.acceptor(BOB, DETAILS);
		LinkHandshake.Finished finished = dialler.finish(acceptor.answer(dialler.hello()));
		FrameOpener opener = acceptor.complete(finished.auth()).opener();
		byte[] sealed = finished.session().sealer().seal(plain);
		int at = Math.floorMod(position, sealed.length);
		byte change = (delta == 0) ? 1 : delta;
		sealed[at] ^= change;

		assertThatExceptionOfType(SealException.class).isThrownBy(() -> opener.open(ByteBuffer.wrap(sealed)));
		assertThat(sealed).hasSize(plain.length + 16);
	}

}
