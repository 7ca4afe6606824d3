package dev.p2pchat.peer.messaging;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WireInstantDeserializerTests {

	private final JsonMapper json = JsonMapper.builder().build();

	@ParameterizedTest
	@ValueSource(strings = { "2026-11-25T16:00:00Z", "2026-11-25T16:00:00.1Z", "2026-11-25T16:00:00.123Z",
			"2026-11-25T23:59:59.123456Z", "2024-02-29T00:00:00.123456789Z", "1970-01-01T00:00:00Z",
			"0001-01-01T00:00:00.000000001Z", "9999-12-31T23:59:59.999999999Z", "1969-12-31T23:59:59.5Z" })
	void parseWhenWrittenAsEveryPeerWritesAgreesWithInstantParse(String text) {
		assertThat(WireInstantDeserializer.parse(text)).isEqualTo(Instant.parse(text));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "2026-11-25", "2026-11-25T16:00:00.Z", "2026-11-25T16:00:00+01:00",
			"2026-11-25T16:00:00.1234567890Z", "2026-13-25T16:00:00Z", "2026-02-30T16:00:00Z", "2026-11-25T24:00:00Z",
			"2026-11-25T16:60:00Z", "2026-11-25T16:00:60Z", "2026-11-25 16:00:00Z", "+12026-11-25T16:00:00Z",
			"2026-11-25T16:00:0xZ", "-026-11-25T16:00:00Z" })
	void parseWhenAnyOtherFormLeavesItToJackson(String text) {
		assertThat(WireInstantDeserializer.parse(text)).isNull();
	}

	@Test
	void chatMessageReadsEveryFormJacksonReads() {
		ChatMessage sent = new ChatMessage(UUID.randomUUID(), "a", "alice", null, null, "hi",
				Instant.parse("2026-11-25T16:00:00.123456Z"));

		assertThat(this.json.readValue(this.json.writeValueAsString(sent), ChatMessage.class)).isEqualTo(sent);
		assertThat(read("\"2026-11-25T17:00:00+01:00\"").sentAt()).isEqualTo(Instant.parse("2026-11-25T16:00:00Z"));
		assertThat(read("1795622400").sentAt()).isEqualTo(Instant.ofEpochSecond(1795622400));
		assertThatThrownBy(() -> read("\"2026-02-30T16:00:00Z\"")).isInstanceOf(RuntimeException.class);
	}

	private ChatMessage read(String sentAt) {
		return this.json.readValue("{\"id\":\"" + UUID.randomUUID()
				+ "\",\"fromId\":\"a\",\"from\":\"alice\",\"toId\":null,\"to\":null,\"text\":\"hi\",\"sentAt\":"
				+ sentAt + "}", ChatMessage.class);
	}

}
