package dev.p2pchat.peer.mesh;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.socket.CloseStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class FrameCodecTests {

	private final FrameCodec codec = new FrameCodec(JsonMapper.builder().build());

	@Test
	void batchWhenWrittenFromSharedJsonReadsBackInOrder() throws LinkException {
		var entries = List.of(new Outbox.Entry(4, "{\"n\":1}", "t", Instant.EPOCH),
				new Outbox.Entry(5, "{\"n\":2}", "t", Instant.EPOCH));

		String text = this.codec.batch(4, entries);

		assertThat(text).isEqualTo("{\"type\":\"batch\",\"seq\":4,\"messages\":[{\"n\":1},{\"n\":2}]}");
		var batch = (LinkFrame.Batch) this.codec.decode(text);
		assertThat(batch.seq()).isEqualTo(4);
		assertThat(batch.messages()).extracting((node) -> node.get("n").asInt()).containsExactly(1, 2);
	}

	@Test
	void helloWhenEncodedCarriesItsType() throws LinkException {
		var hello = new LinkFrame.Hello(1, "p1", "alice", URI.create("http://127.0.0.1:8081"), "e1");

		String text = this.codec.encode(hello);

		assertThat(text).contains("\"type\":\"hello\"", "\"peerId\":\"p1\"", "\"epoch\":\"e1\"");
		assertThat(this.codec.decode(text)).isEqualTo(hello);
	}

	@Test
	void decodeWhenGarbageFailsWithBadData() {
		assertThatExceptionOfType(LinkException.class).isThrownBy(() -> this.codec.decode("}{"))
			.satisfies((ex) -> assertThat(ex.status().getCode()).isEqualTo(CloseStatus.BAD_DATA.getCode()));
	}

	@Test
	void decodeWhenUnknownTypeFailsWithNotAcceptable() {
		assertThatExceptionOfType(LinkException.class).isThrownBy(() -> this.codec.decode("{\"type\":\"warp\"}"))
			.satisfies((ex) -> assertThat(ex.status().getCode()).isEqualTo(CloseStatus.NOT_ACCEPTABLE.getCode()));
	}

	@Test
	void decodeWhenBatchEmptyOrSeqInvalidFailsWithBadData() {
		assertThatExceptionOfType(LinkException.class)
			.isThrownBy(() -> this.codec.decode("{\"type\":\"batch\",\"seq\":1,\"messages\":[]}"));
		assertThatExceptionOfType(LinkException.class)
			.isThrownBy(() -> this.codec.decode("{\"type\":\"ack\",\"seq\":0}"));
		assertThatExceptionOfType(LinkException.class)
			.isThrownBy(() -> this.codec.decode("{\"type\":\"hello\",\"version\":1}"));
	}

	@Test
	void linkUriWhenBaseUrlGivenPointsAtTheEndpoint() {
		assertThat(Dialer.linkUri(URI.create("http://host:8082"))).hasToString("ws://host:8082/ws/peer");
		assertThat(Dialer.linkUri(URI.create("https://host/chat/"))).hasToString("wss://host/chat/ws/peer");
	}

}
