package dev.p2pchat.link.frame;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class FrameCodecTests {

	private static final UUID ID = UUID.fromString("019ab7c0-0000-7000-8000-000000000001");

	@Test
	void everyFrameWhenWrittenReadsBackEqual() throws FrameException {
		MessageRecord one = message("one");
		MessageRecord two = message("two");
		List<Frame> frames = List.of(new Frame.Batch(7, List.of(one, two)), new Frame.Ack(300), new Frame.Ping(),
				new Frame.Typing(true), new Frame.Typing(false), new Frame.Since(ID), new Frame.Since(null),
				new Frame.CatchUp(List.of(two)));

		for (Frame frame : frames) {
			assertThat(FrameCodec.decode(FrameCodec.encode(frame))).isEqualTo(frame);
		}
	}

	@Test
	void recordWhenReadGivesBackEveryFieldAndSkipsUnknownTags() throws FrameException {
		Instant sentAt = Instant.parse("2026-11-25T16:00:00.123456789Z");
		MessageRecord written = MessageRecord.builder()
			.uuid(MessageTag.ID, ID)
			.bytes(200, new byte[] { 1, 2, 3 })
			.string(MessageTag.FROM, "alice")
			.string(MessageTag.TEXT, "grüß dich \ud83d\ude00")
			.instant(MessageTag.SENT_AT, sentAt)
			.build();

		MessageRecord read = MessageRecord.read(written.toByteArray());

		assertThat(read.uuid(MessageTag.ID)).isEqualTo(ID);
		assertThat(read.string(MessageTag.FROM)).isEqualTo("alice");
		assertThat(read.string(MessageTag.TEXT)).isEqualTo("grüß dich \ud83d\ude00");
		assertThat(read.instant(MessageTag.SENT_AT)).isEqualTo(sentAt);
		assertThat(read.has(MessageTag.TO_ID)).isFalse();
		assertThat(read.string(MessageTag.TO)).isNull();
	}

	@Test
	void recordWhenTagRepeatedOrZeroOrLengthBeyondItIsRefused() {
		assertThatExceptionOfType(FrameException.class)
			.isThrownBy(() -> MessageRecord.read(new byte[] { 5, 1, 'a', 5, 1, 'b' }))
			.withMessageContaining("repeated");
		assertThatExceptionOfType(FrameException.class).isThrownBy(() -> MessageRecord.read(new byte[] { 0, 1, 'a' }))
			.withMessageContaining("tag 0");
		assertThatExceptionOfType(FrameException.class).isThrownBy(() -> MessageRecord.read(new byte[] { 5, 9, 'a' }))
			.withMessageContaining("beyond");
	}

	@Test
	void recordWhenValuesHaveTheWrongFormRefusesToReadThem() throws FrameException {
		MessageRecord bad = MessageRecord.read(new byte[] { 1, 2, 0, 0, 5, 2, (byte) 0xC3, 0x28, 6, 1, 0 });

		assertThatIllegalArgumentException().isThrownBy(() -> bad.uuid(MessageTag.ID));
		assertThatIllegalArgumentException().isThrownBy(() -> bad.string(MessageTag.TEXT))
			.withMessageContaining("UTF-8");
		assertThatIllegalArgumentException().isThrownBy(() -> bad.instant(MessageTag.SENT_AT));
	}

	@Test
	void builderWhenTextHoldsALoneSurrogateRefusesIt() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> MessageRecord.builder().string(MessageTag.TEXT, "x\ud800y"))
			.withMessageContaining("lone surrogate");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> MessageRecord.builder().string(MessageTag.TEXT, "\udc00"));
		assertThat(MessageRecord.builder().string(MessageTag.TEXT, "ok \ud83d\ude00").build().length()).isEqualTo(9);
	}

	@Test
	void decodeWhenTypeUnknownSaysSo() {
		assertThatExceptionOfType(FrameException.class).isThrownBy(() -> FrameCodec.decode(new byte[] { 0x7F, 1 }))
			.satisfies((ex) -> assertThat(ex.unknownType()).isTrue())
			.withMessageContaining("unknown frame type 127");
	}

	@Test
	void decodeWhenBodyIsWrongRefusesItAsMalformed() {
		byte[][] malformed = { {}, { 0x01, 0x01, 0x00 }, // a batch of no message
				{ 0x01, 0x00, 0x01, 0x00 }, // seq 0
				{ 0x02, 0x00 }, // ack 0
				{ 0x02 }, // ack without seq
				{ 0x02, (byte) 0x81, 0x00 }, // seq not in its shortest form
				{ 0x03, 0x00 }, // ping with a body
				{ 0x04 }, { 0x04, 0x02 }, // typing without or with a bad flag
				{ 0x05, 0x01, 0x00 }, // since with a truncated id
				{ 0x06, 0x00 }, // catch-up of nothing
				{ 0x01, 0x01, 0x05, 0x00 }, // more messages than bytes
				{ 0x01, 0x01, 0x01, 0x02, 0x05 } // record longer than the frame
		};
		for (byte[] frame : malformed) {
			assertThatExceptionOfType(FrameException.class).as("%s", java.util.HexFormat.of().formatHex(frame))
				.isThrownBy(() -> FrameCodec.decode(frame))
				.satisfies((ex) -> assertThat(ex.unknownType()).isFalse());
		}
	}

	@Test
	void catchUpWhenOverAHundredMessagesIsRefused() {
		MessageRecord one = message("x");
		List<MessageRecord> many = java.util.Collections.nCopies(Frame.CatchUp.MAX_CATCH_UP + 1, one);
		byte[] plain = FrameCodec.batch(1, many);
		plain[0] = (byte) FrameType.CATCH_UP.code();
		// a catch-up has no seq: drop the batch's one-byte seq
		byte[] catchUp = new byte[plain.length - 1];
		catchUp[0] = plain[0];
		System.arraycopy(plain, 2, catchUp, 1, plain.length - 2);

		assertThatExceptionOfType(FrameException.class).isThrownBy(() -> FrameCodec.decode(catchUp))
			.withMessageContaining("1 to 100");
	}

	private static MessageRecord message(String text) {
		return MessageRecord.builder().uuid(MessageTag.ID, ID).string(MessageTag.TEXT, text).build();
	}

}
