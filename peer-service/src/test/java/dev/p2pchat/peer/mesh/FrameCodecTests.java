package dev.p2pchat.peer.mesh;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.socket.CloseStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class FrameCodecTests {

	private final FrameCodec codec = new FrameCodec(JsonMapper.builder().build());

	@Test
	void batchWhenWrittenFromSharedJsonReadsBackInOrder() throws LinkException {
		var entries = List.of(new Outbox.Entry(4, "{\"n\":1}", TestTicket.ticket("t"), Instant.EPOCH),
				new Outbox.Entry(5, "{\"n\":2}", TestTicket.ticket("t"), Instant.EPOCH));

		String text = this.codec.batch(4, entries);

		assertThat(text).isEqualTo("{\"type\":\"batch\",\"seq\":4,\"messages\":[{\"n\":1},{\"n\":2}]}");
		var batch = (LinkFrame.Batch) this.codec.decode(text, JsonNode.class);
		assertThat(batch.seq()).isEqualTo(4);
		assertThat(batch.messages()).extracting((node) -> ((JsonNode) node).get("n").asInt()).containsExactly(1, 2);
	}

	@Test
	void catchUpWhenWrittenReadsBackBoundToTheMessageTypeAndSinceCarriesAnIdOrNull() throws LinkException {
		String text = this.codec.catchUp(List.of("{\"n\":7}", "{\"n\":8}"));
		var id = UUID.randomUUID();

		var catchUp = (LinkFrame.CatchUp) this.codec.decode(text, Numbered.class);

		assertThat(List.<Object>copyOf(catchUp.messages())).containsExactly(new Numbered(7), new Numbered(8));
		assertThat(this.codec.decode(this.codec.encode(new LinkFrame.Since(id)), Numbered.class))
			.isEqualTo(new LinkFrame.Since(id));
		assertThat(this.codec.decode("{\"type\":\"since\",\"last\":null}", Numbered.class))
			.isEqualTo(new LinkFrame.Since(null));
		assertThatExceptionOfType(LinkException.class)
			.isThrownBy(() -> this.codec.decode("{\"type\":\"catchup\",\"messages\":[]}", Numbered.class))
			.satisfies((ex) -> assertThat(ex.status().getCode()).isEqualTo(CloseStatus.BAD_DATA.getCode()));
	}

	@Test
	void batchWhenReadWithAMessageTypeBindsEachMessage() throws LinkException {
		String fast = "{\"type\":\"batch\",\"seq\":2,\"messages\":[{\"n\":1},{\"n\":2}]}";
		String reordered = "{\"messages\":[{\"n\":3}],\"seq\":9,\"type\":\"batch\"}";

		var first = (LinkFrame.Batch) this.codec.decode(fast, Numbered.class);
		var second = (LinkFrame.Batch) this.codec.decode(reordered, Numbered.class);

		assertThat(List.<Object>copyOf(first.messages())).containsExactly(new Numbered(1), new Numbered(2));
		assertThat(second.seq()).isEqualTo(9);
		assertThat(List.<Object>copyOf(second.messages())).containsExactly(new Numbered(3));
	}

	@Test
	void typingWhenReadOrWrittenKeepsWhetherItIsPrivate() throws LinkException {
		var privately = this.codec.decode("{\"type\":\"typing\",\"private\":true}", Object.class);
		var everyone = this.codec.decode("{\"type\":\"typing\",\"private\":false}", Object.class);

		assertThat(privately).isEqualTo(new LinkFrame.Typing(true));
		assertThat(everyone).isEqualTo(new LinkFrame.Typing(false));
		assertThat(this.codec.encode(new LinkFrame.Typing(true))).isEqualTo("{\"type\":\"typing\",\"private\":true}");
		assertThatExceptionOfType(LinkException.class)
			.isThrownBy(() -> this.codec.decode("{\"type\":\"typing\"}", Object.class));
	}

	@Test
	void batchWhenTrailingGarbageOrNonObjectMessagesFailsWithBadData() {
		assertThatExceptionOfType(LinkException.class).isThrownBy(
				() -> this.codec.decode("{\"type\":\"batch\",\"seq\":2,\"messages\":[{\"n\":1}]}x", Numbered.class));
		assertThatExceptionOfType(LinkException.class)
			.isThrownBy(() -> this.codec.decode("{\"type\":\"batch\",\"seq\":2,\"messages\":[\"n\"]}", Numbered.class));
		assertThatExceptionOfType(LinkException.class).isThrownBy(
				() -> this.codec.decode("{\"type\":\"batch\",\"seq\":\"x\",\"messages\":[{\"n\":1}]}", Numbered.class));
	}

	record Numbered(int n) {
	}

	@Test
	void helloWhenEncodedCarriesItsType() throws LinkException {
		var hello = new LinkFrame.Hello(1, "p1", "alice", URI.create("http://127.0.0.1:8081"), "e1");

		String text = this.codec.encode(hello);

		assertThat(text).contains("\"type\":\"hello\"", "\"peerId\":\"p1\"", "\"epoch\":\"e1\"");
		assertThat(this.codec.decode(text, JsonNode.class)).isEqualTo(hello);
	}

	@Test
	void decodeWhenGarbageFailsWithBadData() {
		assertThatExceptionOfType(LinkException.class).isThrownBy(() -> this.codec.decode("}{", JsonNode.class))
			.satisfies((ex) -> assertThat(ex.status().getCode()).isEqualTo(CloseStatus.BAD_DATA.getCode()));
	}

	@Test
	void decodeWhenUnknownTypeFailsWithNotAcceptable() {
		assertThatExceptionOfType(LinkException.class)
			.isThrownBy(() -> this.codec.decode("{\"type\":\"warp\"}", JsonNode.class))
			.satisfies((ex) -> assertThat(ex.status().getCode()).isEqualTo(CloseStatus.NOT_ACCEPTABLE.getCode()));
	}

	@Test
	void decodeWhenBatchEmptyOrSeqInvalidFailsWithBadData() {
		assertThatExceptionOfType(LinkException.class)
			.isThrownBy(() -> this.codec.decode("{\"type\":\"batch\",\"seq\":1,\"messages\":[]}", JsonNode.class));
		assertThatExceptionOfType(LinkException.class)
			.isThrownBy(() -> this.codec.decode("{\"type\":\"ack\",\"seq\":0}", JsonNode.class));
		assertThatExceptionOfType(LinkException.class)
			.isThrownBy(() -> this.codec.decode("{\"type\":\"hello\",\"version\":1}", JsonNode.class));
	}

	@Test
	void linkUriWhenBaseUrlGivenPointsAtTheEndpoint() {
		assertThat(Dialer.linkUri(URI.create("http://host:8082"))).hasToString("ws://host:8082/ws/peer");
		assertThat(Dialer.linkUri(URI.create("https://host/chat/"))).hasToString("wss://host/chat/ws/peer");
	}

}
