package dev.p2pchat.link.frame;

import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Known-answer vectors of the frames of link protocol 3: every byte below is written by
 * hand from the layout in {@code docs/protocol.md} (type byte, LEB128 varints, message
 * records of tag ‖ length ‖ value), not by the codec, so that a change to either end's
 * wire form fails here even when both sides change alike.
 */
class FrameVectorTests {

	private static final HexFormat HEX = HexFormat.of();

	private static final UUID ID = UUID.fromString("019ab7c0-1234-7abc-8def-0123456789ab");

	private static final Instant SENT_AT = Instant.parse("2026-11-25T16:00:00.123Z");

	/**
	 * A broadcast "hi" from alice: id (tag 1, 16 bytes), from (tag 2, "alice"), text (tag
	 * 5, "hi"), sentAt (tag 6: seconds 1,795,622,400 = 0x6B070600, then 123,000,000 ns =
	 * 0x0754D4C0).
	 */
	static final String BROADCAST = "0110" + "019ab7c012347abc8def0123456789ab" + "0205" + "616c696365" + "0502"
			+ "6869" + "060c" + "000000006b070600" + "0754d4c0";

	/** A private "psst" from alice to bob (peerId "p2"): to-id (tag 3), to (tag 4). */
	static final String PRIVATE = "0110" + "019ab7c012347abc8def0123456789ab" + "0205" + "616c696365" + "03027032"
			+ "0403626f62" + "050470737374" + "060c" + "000000006b070600" + "0754d4c0";

	@Test
	void messageRecordsWhenWrittenHaveTheDocumentedBytes() throws FrameException {
		MessageRecord broadcast = MessageRecord.builder()
			.uuid(MessageTag.ID, ID)
			.string(MessageTag.FROM, "alice")
			.string(MessageTag.TEXT, "hi")
			.instant(MessageTag.SENT_AT, SENT_AT)
			.build();
		MessageRecord privately = MessageRecord.builder()
			.uuid(MessageTag.ID, ID)
			.string(MessageTag.FROM, "alice")
			.string(MessageTag.TO_ID, "p2")
			.string(MessageTag.TO, "bob")
			.string(MessageTag.TEXT, "psst")
			.instant(MessageTag.SENT_AT, SENT_AT)
			.build();

		assertThat(HEX.formatHex(broadcast.toByteArray())).isEqualTo(BROADCAST);
		assertThat(HEX.formatHex(privately.toByteArray())).isEqualTo(PRIVATE);
		MessageRecord read = MessageRecord.read(HEX.parseHex(PRIVATE));
		assertThat(read.string(MessageTag.TO)).isEqualTo("bob");
		assertThat(read.instant(MessageTag.SENT_AT)).isEqualTo(SENT_AT);
	}

	@Test
	void framesWhenWrittenHaveTheDocumentedBytes() throws FrameException {
		MessageRecord broadcast = MessageRecord.read(HEX.parseHex(BROADCAST));
		int length = BROADCAST.length() / 2;
		assertThat(length).isEqualTo(0x2B);

		assertThat(hex(new Frame.Batch(300, List.of(broadcast, broadcast))))
			.isEqualTo("01" + "ac02" + "02" + "2b" + BROADCAST + "2b" + BROADCAST);
		assertThat(hex(new Frame.Ack(1))).isEqualTo("0201");
		assertThat(hex(new Frame.Ack(128))).isEqualTo("028001");
		assertThat(hex(new Frame.Ping())).isEqualTo("03");
		assertThat(hex(new Frame.Typing(true))).isEqualTo("0401");
		assertThat(hex(new Frame.Typing(false))).isEqualTo("0400");
		assertThat(hex(new Frame.Since(null))).isEqualTo("0500");
		assertThat(hex(new Frame.Since(ID))).isEqualTo("0501" + "019ab7c012347abc8def0123456789ab");
		assertThat(hex(new Frame.CatchUp(List.of(broadcast)))).isEqualTo("06" + "01" + "2b" + BROADCAST);
		assertThat(FrameCodec.decode(HEX.parseHex("01ac02022b" + BROADCAST + "2b" + BROADCAST)))
			.isEqualTo(new Frame.Batch(300, List.of(broadcast, broadcast)));
	}

	private static String hex(Frame frame) {
		return HEX.formatHex(FrameCodec.encode(frame));
	}

}
